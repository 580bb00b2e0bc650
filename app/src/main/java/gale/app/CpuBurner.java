package gale.app;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Burns one core for a while, as seed 003's CPU-stress endpoint does, on its own platform thread (never the
 * event loop). Bounded: at most {@link #MAX_SECONDS} each, at most {@link #MAX_CONCURRENT} at once.
 */
final class CpuBurner {

    static final int MAX_SECONDS = 600;
    static final int MAX_CONCURRENT = 8;

    private final AtomicInteger active = new AtomicInteger();
    private final AtomicLong burnedNanos = new AtomicLong();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private volatile boolean closed;

    /** Starts burning; false when {@link #MAX_CONCURRENT} burns already run. */
    boolean burn(Duration duration) {
        if (active.incrementAndGet() > MAX_CONCURRENT || closed) {
            active.decrementAndGet();
            return false;
        }
        Thread burner = new Thread(() -> spin(duration), "gale-app-stress");
        burner.setDaemon(true);
        burner.start();
        return true;
    }

    int active() {
        return active.get();
    }

    /** CPU time the burns have used so far, all of them together. */
    long burnedNanos() {
        return burnedNanos.get();
    }

    private void spin(Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        long x = 0;
        long counted = 0;
        try {
            for (int round = 1; !closed && System.nanoTime() - deadline < 0; round++) {
                // Work the JIT can't remove: the result feeds the loop's next round.
                for (int i = 0; i < 10_000; i++) {
                    x = x * 6364136223846793005L + 1442695040888963407L;
                }
                if (round % 100 == 0) {
                    counted = count(counted);
                }
            }
        } finally {
            count(counted);
            active.decrementAndGet();
        }
        if (x == 42) {
            Thread.onSpinWait();
        }
    }

    /** Adds this thread's CPU time since the last count; a fresh thread's CPU time is all burn. */
    private long count(long counted) {
        long now = threads.getCurrentThreadCpuTime();
        if (now > counted) {
            burnedNanos.addAndGet(now - counted);
            return now;
        }
        return counted;
    }

    void close() {
        closed = true;
    }
}
