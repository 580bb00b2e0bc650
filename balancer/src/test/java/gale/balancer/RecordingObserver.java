package gale.balancer;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers what the balancer reported, as a metrics binding would see it. */
final class RecordingObserver implements BalancerObserver {
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void requestCompleted(int listenerPort, String targetGroup, String targetId, int statusCode, long nanos) {
        events.add("completed " + targetGroup + " " + statusCode);
    }

    @Override
    public void rejected(int listenerPort, String targetGroup, BalancerError error) {
        events.add("rejected " + error.header());
    }

    @Override
    public void requestHeld(int listenerPort, String targetGroup) {
        events.add("held " + targetGroup);
    }

    @Override
    public void retried(int listenerPort, String targetGroup, String fromTargetId, RetryCause cause) {
        events.add("retried " + cause);
    }

    @Override
    public void faultApplied(int listenerPort, String targetGroup, String targetId, TrafficFaultKind kind, int status) {
        events.add("fault " + kind.label() + " " + targetId + " " + status);
    }

    @Override
    public void failOpenEntered(String targetGroup) {
        events.add("fail-open " + targetGroup);
    }

    @Override
    public void failOpenLeft(String targetGroup) {
        events.add("fail-open-over " + targetGroup);
    }

    @Override
    public void clientTimedOut(int listenerPort, ClientTimeout timeout) {
        events.add("timed-out " + timeout.label());
    }

    @Override
    public void limitUseHigh(String targetGroup, String targetId, String limit, int inUse, int max) {
        events.add("limit-high " + targetGroup + " " + (targetId == null ? "queue" : "target") + " " + limit + " "
                + inUse + "/" + max);
    }

    long count(String prefix) {
        return events.stream().filter(e -> e.startsWith(prefix)).count();
    }
}
