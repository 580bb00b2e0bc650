package gale.control.deploy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A service whose tasks start, turn healthy and drain at once (or never, for a bad revision), so that a deployment's
 * decisions can be followed tick by tick.
 */
final class FakeService implements ServiceHandle {

    final Map<Integer, Integer> counts = new HashMap<>();
    final Set<Integer> bad = new HashSet<>();
    final Map<Integer, Integer> failed = new HashMap<>();
    final List<Map<Integer, Integer>> weights = new ArrayList<>();
    final List<Map<Integer, Integer>> countHistory = new ArrayList<>();
    /** The revisions the test target group was sent to, in order (0: none). */
    final List<Integer> testRoutes = new ArrayList<>();

    RevisionWindow nextWindow = new RevisionWindow(0, 0, 0);
    int desired;
    /** Old tasks that stay alive (draining) after their count went down, until released. */
    boolean slowDrain;

    FakeService(int desired) {
        this.desired = desired;
        counts.put(1, desired);
    }

    @Override
    public String name() {
        return "web";
    }

    @Override
    public int desiredCount() {
        return desired;
    }

    @Override
    public Map<Integer, Integer> revisionCounts() {
        return Map.copyOf(counts);
    }

    @Override
    public int healthyTasks(int revision) {
        return bad.contains(revision) ? 0 : counts.getOrDefault(revision, 0);
    }

    @Override
    public int liveTasks(int revision) {
        return slowDrain ? 1 : counts.getOrDefault(revision, 0);
    }

    @Override
    public int failedTasks(int revision) {
        if (bad.contains(revision) && counts.getOrDefault(revision, 0) > 0) {
            failed.merge(revision, 1, Integer::sum); // one more failed launch each time it is looked at
        }
        return failed.getOrDefault(revision, 0);
    }

    @Override
    public void setRevisionCounts(Map<Integer, Integer> newCounts, String reason) {
        counts.replaceAll((revision, count) -> 0);
        counts.putAll(newCounts);
        countHistory.add(Map.copyOf(newCounts));
    }

    @Override
    public boolean setTrafficWeights(Map<Integer, Integer> percentByRevision) {
        weights.add(Map.copyOf(percentByRevision));
        return true;
    }

    @Override
    public java.util.Optional<String> routeTestTraffic(int revision) {
        testRoutes.add(revision);
        return java.util.Optional.of("web-test");
    }

    @Override
    public RevisionWindow measure(int revision, double latencyPercentile) {
        return nextWindow;
    }
}
