package gale.control.monitoring;

import gale.balancer.Balancer;
import gale.balancer.TargetListener;
import gale.balancer.TargetSnapshot;
import gale.balancer.TargetState;
import gale.fleet.Fleet;
import gale.fleet.ServiceSnapshot;
import gale.fleet.TaskEvent;
import gale.fleet.TaskListener;
import gale.fleet.TaskSnapshot;
import gale.fleet.TaskState;
import gale.monitor.metrics.GaleMetrics;
import gale.monitor.series.StackSeries;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Binds the balancer's target hooks and the fleet's to {@link GaleMetrics} (Prometheus) and {@link StackSeries} (the
 * 1-second series alarms and the autoscaler read), as docs/metrics.md's binding table says; request outcomes are
 * {@link BalancerBinding}'s. {@link #sample()} runs once a second for what has no hook: each task's CPU and memory,
 * target counts, and targets that finished draining.
 */
final class Observability implements TargetListener, TaskListener {

    private final GaleMetrics metrics;
    private final StackSeries series;
    private final Fleet fleet;
    private final Balancer balancer;
    private final Set<String> targetGroups;
    private final Clock clock;
    /** When each target first passed its health checks: the autoscaler counts readings only from then on. */
    private final Map<String, Instant> healthySince = new ConcurrentHashMap<>();

    private final Map<String, Set<String>> knownTargets = new ConcurrentHashMap<>();
    private final Map<String, Integer> restartsSeen = new ConcurrentHashMap<>();

    Observability(
            GaleMetrics metrics,
            StackSeries series,
            Fleet fleet,
            Balancer balancer,
            Set<String> targetGroups,
            Clock clock) {
        this.metrics = metrics;
        this.series = series;
        this.fleet = fleet;
        this.balancer = balancer;
        this.targetGroups = Set.copyOf(targetGroups);
        this.clock = clock;
        // Count series of every group exist from the start: an alarm on them goes to OK, not INSUFFICIENT_DATA.
        this.targetGroups.forEach(series::addTargetGroup);
    }

    /** Requests the group holds now, waiting for its first target (scale to zero). */
    int heldRequests(String targetGroup) {
        return balancer.targetGroup(targetGroup).heldRequests();
    }

    /** When the target first became healthy, if it has. */
    Optional<Instant> healthySince(String targetId) {
        return Optional.ofNullable(healthySince.get(targetId));
    }

    // --- TargetListener ---

    @Override
    public void onTargetStateChange(String targetGroup, TargetSnapshot target, TargetState previous) {
        if (target.state() == TargetState.HEALTHY) {
            healthySince.putIfAbsent(target.id(), clock.instant());
        }
        knownTargets
                .computeIfAbsent(targetGroup, g -> ConcurrentHashMap.newKeySet())
                .add(target.id());
        metrics.targetStateChanged(targetGroup, target.id(), target.state().name());
    }

    // --- TaskListener: the fleet's supervision thread ---

    @Override
    public void onTaskEvent(TaskEvent event) {
        TaskSnapshot task = event.task();
        fleet.services().stream()
                .filter(s -> s.name().equals(task.service()))
                .findFirst()
                .ifPresent(this::serviceCounts);
        if (task.state() == TaskState.STOPPED) {
            metrics.taskRemoved(task.service(), task.id());
            series.taskRemoved(task.id());
            healthySince.remove(task.id());
        }
    }

    /** Once a second: task samples, service and target counts, then the series' tick. */
    void sample() {
        for (TaskSnapshot task : fleet.tasks()) {
            if (task.state() == TaskState.RUNNING || task.state() == TaskState.DRAINING) {
                metrics.taskResources(task.service(), task.id(), task.cpuPercent(), task.memoryBytes());
                series.taskSample(task.service(), task.id(), task.cpuPercent(), task.memoryBytes());
            }
        }
        for (ServiceSnapshot service : fleet.services()) {
            serviceCounts(service);
            series.runningTasks(service.name(), service.runningCount());
            series.desiredTasks(service.name(), service.desiredCount());
        }
        for (String group : targetGroups) {
            sampleTargets(group);
        }
        series.tick();
    }

    private void serviceCounts(ServiceSnapshot service) {
        Map<String, Integer> byState = new HashMap<>();
        byState.put(TaskState.PENDING.name(), service.pendingCount());
        byState.put(TaskState.RUNNING.name(), service.runningCount());
        byState.put(TaskState.DRAINING.name(), service.drainingCount());
        byState.put(TaskState.STOPPED.name(), (int) fleet.tasks().stream()
                .filter(t -> t.service().equals(service.name()) && t.state() == TaskState.STOPPED)
                .count());
        metrics.taskCounts(service.name(), service.desiredCount(), byState);
        metrics.taskRestarts(service.name(), service.restarts());
        Integer before = restartsSeen.put(service.name(), service.restarts());
        for (int i = before == null ? service.restarts() : before; i < service.restarts(); i++) {
            series.taskRestarted(service.name());
        }
    }

    private void sampleTargets(String group) {
        List<TargetSnapshot> targets = balancer.targetGroup(group).targets();
        int healthy = (int)
                targets.stream().filter(t -> t.state() == TargetState.HEALTHY).count();
        int unhealthy = (int)
                targets.stream().filter(t -> t.state() == TargetState.UNHEALTHY).count();
        series.targetHealth(group, healthy, unhealthy);
        metrics.heldRequests(group, balancer.targetGroup(group).heldRequests());
        LimitSampler.sample(metrics, group, balancer.targetGroup(group), targets);
        // A deregistered target leaves the group once drained: its series go away then.
        Set<String> present = targets.stream().map(TargetSnapshot::id).collect(Collectors.toSet());
        Set<String> known = knownTargets.computeIfAbsent(group, g -> ConcurrentHashMap.newKeySet());
        for (String id : List.copyOf(known)) {
            if (!present.contains(id)) {
                known.remove(id);
                metrics.targetRemoved(group, id);
            }
        }
    }
}
