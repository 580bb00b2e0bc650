package gale.control.deploy;

import gale.balancer.Balancer;
import gale.balancer.TargetSnapshot;
import gale.balancer.TargetState;
import gale.fleet.Fleet;
import gale.fleet.RevisionSnapshot;
import gale.fleet.ServiceSnapshot;
import gale.fleet.TaskSnapshot;
import gale.fleet.TaskState;
import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** A service of the fleet, with the balancer's view of its tasks when it has a target group. */
final class FleetServiceHandle implements ServiceHandle {

    private final String name;
    private final Fleet fleet;
    private final Balancer balancer;
    private final Optional<String> targetGroup;
    private final TestRoutes testRoutes;
    private final RevisionMetrics metrics;

    FleetServiceHandle(
            String name,
            Fleet fleet,
            Balancer balancer,
            Optional<String> targetGroup,
            TestRoutes testRoutes,
            RevisionMetrics metrics) {
        this.name = name;
        this.fleet = fleet;
        this.balancer = balancer;
        this.targetGroup = targetGroup;
        this.testRoutes = testRoutes;
        this.metrics = metrics;
    }

    @Override
    public String name() {
        return name;
    }

    ServiceSnapshot snapshot() {
        return fleet.services().stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("no service " + name));
    }

    @Override
    public int desiredCount() {
        return snapshot().desiredCount();
    }

    @Override
    public Map<Integer, Integer> revisionCounts() {
        Map<Integer, Integer> counts = new HashMap<>();
        for (RevisionSnapshot revision : snapshot().revisions()) {
            counts.put(revision.number(), revision.desiredCount());
        }
        return counts;
    }

    @Override
    public int healthyTasks(int revision) {
        Set<String> healthy = targetGroup
                .map(group -> balancer.targetGroup(group).targets().stream()
                        .filter(t -> t.state() == TargetState.HEALTHY)
                        .map(TargetSnapshot::id)
                        .collect(Collectors.toSet()))
                .orElse(null);
        return (int) fleet.tasks().stream()
                .filter(t -> isOf(t, revision) && t.state() == TaskState.RUNNING)
                .filter(t -> healthy == null || healthy.contains(t.id()))
                .count();
    }

    @Override
    public int liveTasks(int revision) {
        return (int) fleet.tasks().stream()
                .filter(t -> isOf(t, revision) && t.state() != TaskState.STOPPED)
                .count();
    }

    @Override
    public int failedTasks(int revision) {
        return snapshot().revision(revision).map(RevisionSnapshot::failedTasks).orElse(0);
    }

    @Override
    public void setRevisionCounts(Map<Integer, Integer> counts, String reason) {
        fleet.setRevisionCounts(name, counts, reason);
    }

    /** False for a service with no target group: it takes no traffic to weigh. */
    @Override
    public boolean setTrafficWeights(Map<Integer, Integer> percentByRevision) {
        if (targetGroup.isEmpty()) {
            return false;
        }
        Map<String, Integer> weights = new HashMap<>();
        percentByRevision.forEach((revision, percent) -> weights.put(Deployments.pool(revision), percent));
        balancer.targetGroup(targetGroup.get()).setPoolWeights(weights);
        return true;
    }

    @Override
    public Optional<String> routeTestTraffic(int revision) {
        return testRoutes.route(name, revision);
    }

    @Override
    public RevisionWindow measure(int revision, double latencyPercentile) {
        return metrics.measure(name, revision, latencyPercentile);
    }

    private boolean isOf(TaskSnapshot task, int revision) {
        return task.service().equals(name) && task.revision() == revision;
    }
}
