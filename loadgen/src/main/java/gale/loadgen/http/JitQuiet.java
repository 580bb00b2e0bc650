package gale.loadgen.http;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Waits for the JIT to go quiet. The warm-up makes the request path hot enough to be queued for C2; on a CPU shared
 * with the event loop those compiles take seconds of wall time, and whatever is still queued when the test starts
 * compiles during it, at the expense of its first seconds. With the loops idle, the queue drains at full speed.
 * The JVM offers no queue length, so quiet means: no compile finished for {@code quiet}.
 */
final class JitQuiet {

    private static final long POLL_MILLIS = 10;

    private JitQuiet() {}

    /** Returns when no compile finished for {@code quiet}, or after {@code max}, whichever comes first. */
    static void await(Duration quiet, Duration max) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return;
        }
        long end = System.nanoTime() + max.toNanos();
        long total = jit.getTotalCompilationTime();
        long quietSince = System.nanoTime();
        try {
            while (System.nanoTime() < end && System.nanoTime() - quietSince < quiet.toNanos()) {
                Thread.sleep(POLL_MILLIS);
                long now = jit.getTotalCompilationTime();
                if (now != total) {
                    total = now;
                    quietSince = System.nanoTime();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
