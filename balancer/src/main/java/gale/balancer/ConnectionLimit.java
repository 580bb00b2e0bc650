package gale.balancer;

import java.time.Duration;

/**
 * Requests in flight to each target of a group, and the queue in front of them when every target is at its limit:
 * HAProxy's {@code maxconn} per server, its backend queue and {@code timeout queue}. A request goes to a target with
 * room; when none has, it waits in the group's queue, oldest first, and a slot that frees goes to the oldest waiter
 * (new requests queue behind it).
 *
 * @param maxConnections requests in flight at once to one target; 0: no limit, and no queue
 * @param queueTimeout the longest a request waits in the queue; then {@code 503 queue-timeout} with Retry-After
 * @param maxQueued requests in the queue at once; the next one gets {@code 503 queue-full} at once
 */
public record ConnectionLimit(int maxConnections, Duration queueTimeout, int maxQueued) {
    /** No limit: every request goes to a target at once (and the queue's settings are the defaults, unused). */
    public static final ConnectionLimit UNLIMITED =
            new ConnectionLimit(0, BalancerDefaults.QUEUE_TIMEOUT, BalancerDefaults.MAX_QUEUED);

    public ConnectionLimit {
        Validate.range(maxConnections, 0, 1_000_000, "maxConnections");
        Validate.positive(queueTimeout, "queueTimeout");
        Validate.range(maxQueued, 1, 1_000_000, "maxQueued");
    }

    /** Whether targets have a limit (and the group a queue). */
    public boolean limited() {
        return maxConnections > 0;
    }
}
