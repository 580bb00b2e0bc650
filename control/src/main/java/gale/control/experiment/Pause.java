package gale.control.experiment;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The run's waits (offsets, {@code wait}, polls), which Ctrl-C cuts short. A latch rather than thread interrupts: an
 * interrupt would also break the load's own end (its summary, the rollbacks' HTTP calls) that must still happen.
 */
final class Pause {

    private final CountDownLatch cancelled = new CountDownLatch(1);

    void cancel() {
        cancelled.countDown();
    }

    boolean cancelled() {
        return cancelled.getCount() == 0;
    }

    /** Waits {@code duration}; throws when the run is cancelled, at once or meanwhile. */
    void sleep(Duration duration) throws InterruptedException {
        if (cancelled.await(Math.max(0, duration.toMillis()), TimeUnit.MILLISECONDS)) {
            throw new InterruptedException("the run was interrupted");
        }
    }
}
