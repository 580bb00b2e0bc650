package gale.balancer;

/**
 * Per-request outcomes for metrics, bound from outside. Called on the balancer's IO threads for every request: keep
 * implementations cheap, non-blocking and thread-safe.
 */
public interface BalancerObserver {
    BalancerObserver NOOP = new BalancerObserver() {};

    /**
     * A request head was read and classified, whether it is then forwarded or refused (see
     * {@link DesyncMitigationMode}); a chunked body found malformed later counts once more, as Severe.
     */
    default void desyncClassified(int listenerPort, DesyncMitigationMode mode, DesyncClassification classification) {}

    /** A target's response was relayed completely to the client. */
    default void requestCompleted(
            int listenerPort, String targetGroup, String targetId, int statusCode, long latencyNanos) {}

    /**
     * The balancer answered itself (see {@link BalancerError}).
     *
     * @param targetGroup the group the request was routed to, or null when it was rejected before routing
     */
    default void rejected(int listenerPort, String targetGroup, BalancerError error) {}

    /**
     * The group has no target yet: the request waits for the first healthy one (up to the group's
     * {@code holdWhenEmpty}); it ends later as {@link #requestCompleted} or {@link #rejected}. Demand for a group scaled
     * to zero. Also told for a request queued because every target was at its {@code maxConnections}.
     */
    default void requestHeld(int listenerPort, String targetGroup) {}

    /**
     * A limit's use passed 80%, once per crossing (it is told again only after the use fell to half): a target's
     * requests in flight against its group's {@code maxConnections} ({@code limit} {@code "maxConnections"},
     * {@code targetId} the target), or the group's queue against {@code maxQueued} ({@code targetId} null).
     */
    default void limitUseHigh(String targetGroup, String targetId, String limit, int inUse, int max) {}

    /** A request is sent to another target after {@code fromTargetId} failed it. */
    default void retried(int listenerPort, String targetGroup, String fromTargetId, RetryCause cause) {}

    /**
     * A traffic fault ({@link TrafficFault}) acted on a request: called once per fault and request, when the fault is
     * drawn, before its effect shows.
     *
     * @param status the status the balancer answers in the target's place ({@code http-error}); 0 for the other kinds
     */
    default void faultApplied(
            int listenerPort, String targetGroup, String targetId, TrafficFaultKind kind, int status) {}

    /** Every target of the group is unhealthy: requests go to all of them. */
    default void failOpenEntered(String targetGroup) {}

    default void failOpenLeft(String targetGroup) {}

    default void connectionOpened(int listenerPort) {}

    default void connectionClosed(int listenerPort) {}

    /** The balancer closes a client connection that was too slow (with a 408 where a request was under way). */
    default void clientTimedOut(int listenerPort, ClientTimeout timeout) {}

    /** This observer, then {@code next}, for every outcome; {@link #NOOP} adds nothing to the request path. */
    default BalancerObserver andThen(BalancerObserver next) {
        if (next == NOOP) {
            return this;
        }
        return this == NOOP ? next : new TeeObserver(this, next);
    }
}
