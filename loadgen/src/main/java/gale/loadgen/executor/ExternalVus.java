package gale.loadgen.executor;

import gale.loadgen.plan.ExecutorSpec;
import java.util.Objects;

/**
 * What the API sets on an externally-controlled scenario: how many VUs run and whether they are paused. The driver
 * follows it on the clock thread; a VU asked to stop or pause finishes its iteration first, so nothing in flight is
 * cut off or counted as failed.
 */
public final class ExternalVus {

    private final int maxVus;
    private volatile int vus;
    private volatile boolean paused;
    private volatile Runnable onChange = () -> {};

    public ExternalVus(ExecutorSpec.ExternallyControlled spec) {
        this.maxVus = spec.maxVUs();
        this.vus = spec.vus();
    }

    /** Runs {@code vus} VUs from now on; more than maxVUs is refused with the reason. */
    public synchronized void scale(int vus) {
        if (vus < 0 || vus > maxVus) {
            throw new IllegalArgumentException("vus: " + vus + " (expected: 0 to maxVUs, " + maxVus
                    + "; maxVUs is fixed by the plan's externally-controlled scenario)");
        }
        this.vus = vus;
        onChange.run();
    }

    public synchronized void pause(boolean paused) {
        this.paused = paused;
        onChange.run();
    }

    public int vus() {
        return vus;
    }

    public int maxVus() {
        return maxVus;
    }

    public boolean paused() {
        return paused;
    }

    /** The VUs that should be running now: none while paused. */
    int target() {
        return paused ? 0 : vus;
    }

    void onChange(Runnable listener) {
        this.onChange = Objects.requireNonNull(listener, "listener");
    }
}
