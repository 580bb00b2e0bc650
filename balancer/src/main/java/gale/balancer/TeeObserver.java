package gale.balancer;

/** Hands every balancer outcome to two observers in turn (see {@link BalancerObserver#andThen}). */
final class TeeObserver implements BalancerObserver {

    private final BalancerObserver first;
    private final BalancerObserver second;

    TeeObserver(BalancerObserver first, BalancerObserver second) {
        this.first = first;
        this.second = second;
    }

    @Override
    public void requestCompleted(
            int listenerPort, String targetGroup, String targetId, int statusCode, long latencyNanos) {
        first.requestCompleted(listenerPort, targetGroup, targetId, statusCode, latencyNanos);
        second.requestCompleted(listenerPort, targetGroup, targetId, statusCode, latencyNanos);
    }

    @Override
    public void desyncClassified(int listenerPort, DesyncMitigationMode mode, DesyncClassification classification) {
        first.desyncClassified(listenerPort, mode, classification);
        second.desyncClassified(listenerPort, mode, classification);
    }

    @Override
    public void rejected(int listenerPort, String targetGroup, BalancerError error) {
        first.rejected(listenerPort, targetGroup, error);
        second.rejected(listenerPort, targetGroup, error);
    }

    @Override
    public void requestHeld(int listenerPort, String targetGroup) {
        first.requestHeld(listenerPort, targetGroup);
        second.requestHeld(listenerPort, targetGroup);
    }

    @Override
    public void retried(int listenerPort, String targetGroup, String fromTargetId, RetryCause cause) {
        first.retried(listenerPort, targetGroup, fromTargetId, cause);
        second.retried(listenerPort, targetGroup, fromTargetId, cause);
    }

    @Override
    public void faultApplied(int listenerPort, String targetGroup, String targetId, TrafficFaultKind kind, int status) {
        first.faultApplied(listenerPort, targetGroup, targetId, kind, status);
        second.faultApplied(listenerPort, targetGroup, targetId, kind, status);
    }

    @Override
    public void failOpenEntered(String targetGroup) {
        first.failOpenEntered(targetGroup);
        second.failOpenEntered(targetGroup);
    }

    @Override
    public void failOpenLeft(String targetGroup) {
        first.failOpenLeft(targetGroup);
        second.failOpenLeft(targetGroup);
    }

    @Override
    public void connectionOpened(int listenerPort) {
        first.connectionOpened(listenerPort);
        second.connectionOpened(listenerPort);
    }

    @Override
    public void connectionClosed(int listenerPort) {
        first.connectionClosed(listenerPort);
        second.connectionClosed(listenerPort);
    }

    @Override
    public void clientTimedOut(int listenerPort, ClientTimeout timeout) {
        first.clientTimedOut(listenerPort, timeout);
        second.clientTimedOut(listenerPort, timeout);
    }

    @Override
    public void limitUseHigh(String targetGroup, String targetId, String limit, int inUse, int max) {
        first.limitUseHigh(targetGroup, targetId, limit, inUse, max);
        second.limitUseHigh(targetGroup, targetId, limit, inUse, max);
    }
}
