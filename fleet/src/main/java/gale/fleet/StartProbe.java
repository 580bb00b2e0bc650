package gale.fleet;

import gale.fleet.process.Ports;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Waits, on a virtual thread, until a PENDING task accepts TCP connections on its port, then reports on the
 * supervision thread: accepting, or timed out. Stops quietly once the task is no longer PENDING.
 */
final class StartProbe {

    private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(250);
    private static final long POLL_MILLIS = 50;

    private StartProbe() {}

    static void start(
            TaskRecord record,
            Duration startTimeout,
            Executor loop,
            Consumer<TaskRecord> onAccepting,
            Consumer<TaskRecord> onTimeout) {
        long deadline = System.nanoTime() + startTimeout.toNanos();
        Thread.ofVirtual().name("gale-start-probe-" + record.id).start(() -> {
            try {
                while (record.state() == TaskState.PENDING && record.process.isAlive()) {
                    if (Ports.accepts(record.port, CONNECT_TIMEOUT)) {
                        loop.execute(() -> onAccepting.accept(record));
                        return;
                    }
                    if (System.nanoTime() - deadline > 0) {
                        loop.execute(() -> onTimeout.accept(record));
                        return;
                    }
                    Thread.sleep(POLL_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // The fleet closed meanwhile.
            }
        });
    }
}
