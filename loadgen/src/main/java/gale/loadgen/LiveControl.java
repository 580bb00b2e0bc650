package gale.loadgen;

import gale.loadgen.api.ApiException;
import gale.loadgen.api.RunControl;
import gale.loadgen.api.RunStatus;
import gale.loadgen.api.StatusPatch;
import gale.loadgen.executor.ExternalVus;
import gale.loadgen.executor.ScenarioDriver;
import gale.loadgen.metrics.MetricsCollector;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The API's view of a running test: k6's status, where {@code vus} and {@code paused} act on the plan's
 * externally-controlled scenario and {@code stopped} ends the whole test as its time being up would.
 */
final class LiveControl implements RunControl {

    private final List<ScenarioDriver> drivers;
    private final ExternalVus external;
    private final MetricsCollector collector;
    private final long startNanos;
    private final Runnable end;
    private final BooleanSupplier running;
    private volatile boolean stopped;

    LiveControl(
            List<ScenarioDriver> drivers,
            MetricsCollector collector,
            long startNanos,
            Runnable end,
            BooleanSupplier running) {
        this.drivers = List.copyOf(drivers);
        this.external = drivers.stream()
                .map(ScenarioDriver::external)
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
        this.collector = collector;
        this.startNanos = startNanos;
        this.end = end;
        this.running = running;
    }

    @Override
    public RunStatus status() {
        int active = drivers.stream().mapToInt(ScenarioDriver::vus).sum();
        int allocated = drivers.stream().mapToInt(ScenarioDriver::vusAllocated).sum();
        MetricsCollector.LiveCounts counts = collector.live();
        return new RunStatus(
                running.getAsBoolean(),
                external != null && external.paused(),
                stopped,
                external != null ? external.vus() : active,
                external != null ? external.maxVus() : allocated,
                active,
                allocated,
                counts.iterations(),
                counts.httpReqs(),
                counts.httpReqFailed(),
                (System.nanoTime() - startNanos) / 1e9);
    }

    @Override
    public synchronized RunStatus apply(StatusPatch patch) {
        if (!running.getAsBoolean()) {
            throw new ApiException(409, "the test has ended: nothing to change");
        }
        if (patch.vusMax() != null && (external == null || patch.vusMax() != external.maxVus())) {
            throw new ApiException(
                    422,
                    "vus-max: " + patch.vusMax() + " (expected: "
                            + (external == null ? "no change" : external.maxVus())
                            + ": maxVUs is fixed by the plan and cannot change during the test)");
        }
        if (patch.vus() != null || patch.paused() != null) {
            if (external == null) {
                throw new ApiException(
                        409,
                        "this test has no externally-controlled scenario, so only stop applies"
                                + " (expected: a scenario with executor: externally-controlled for vus, pause and resume)");
            }
            if (stopped) {
                throw new ApiException(409, "the test is stopping: VUs and pause can no longer change");
            }
        }
        if (patch.vus() != null) {
            try {
                external.scale(patch.vus());
            } catch (IllegalArgumentException e) {
                throw new ApiException(422, e.getMessage());
            }
        }
        if (patch.paused() != null) {
            external.pause(patch.paused());
        }
        if (patch.stopped() != null) {
            if (!patch.stopped() && stopped) {
                throw new ApiException(409, "stopped: false (expected: true: a stopped test cannot start again)");
            }
            if (patch.stopped() && !stopped) {
                stopped = true;
                end.run();
            }
        }
        return status();
    }
}
