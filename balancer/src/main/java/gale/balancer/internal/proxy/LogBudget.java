package gale.balancer.internal.proxy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * At most a number of log lines a second from one source; the lines over it are counted, and the first line let
 * through in a later second says how many were left out. An attack that makes the balancer answer thousands of times a
 * second (two thousand slowloris connections timing out together) must not cost thousands of console writes: each is
 * made on the event loop that serves everyone else's requests, and a console of them says no more than one line and a
 * count. Safe from any thread; the budget is kept to within a few lines when threads race at a second's turn.
 */
final class LogBudget {
    private static final long SECOND_NANOS = 1_000_000_000L;

    private final int linesPerSecond;
    private final AtomicLong second = new AtomicLong(Long.MIN_VALUE);
    private final AtomicInteger used = new AtomicInteger();
    private final AtomicLong skipped = new AtomicLong();

    LogBudget(int linesPerSecond) {
        if (linesPerSecond < 1) {
            throw new IllegalArgumentException("linesPerSecond: " + linesPerSecond + " (expected: at least 1)");
        }
        this.linesPerSecond = linesPerSecond;
    }

    /**
     * Takes one line from the budget of the second {@code nowNanos} falls in: -1 if there is none left (the line is
     * counted as left out), otherwise how many lines were left out since the last one let through.
     */
    long take(long nowNanos) {
        long now = Math.floorDiv(nowNanos, SECOND_NANOS);
        long current = second.get();
        if (now != current && second.compareAndSet(current, now)) {
            used.set(0);
        }
        if (used.incrementAndGet() > linesPerSecond) {
            skipped.incrementAndGet();
            return -1;
        }
        return skipped.getAndSet(0);
    }
}
