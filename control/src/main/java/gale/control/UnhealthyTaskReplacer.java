package gale.control;

import gale.balancer.Balancer;
import gale.balancer.TargetListener;
import gale.balancer.TargetReason;
import gale.balancer.TargetSnapshot;
import gale.balancer.TargetState;
import gale.fleet.Fleet;
import gale.fleet.TaskSnapshot;
import gale.fleet.TaskState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces a task whose target failed its active health checks, as ECS does ("Task failed ELB health checks"), but not
 * within its service's health check grace period, counted from when the task became a target (a JVM that took long to
 * start is not sick for that): a task that is still unhealthy when the grace period ends is replaced then. A target marked down passively (a refused or reset connection) is left to the fleet: such a task has
 * usually died, and the fleet replaces a dead task by itself.
 */
final class UnhealthyTaskReplacer implements TargetListener, AutoCloseable {

    static final String REASON = "Task failed ELB health checks";

    private static final Logger log = LoggerFactory.getLogger(UnhealthyTaskReplacer.class);
    private static final Set<String> PASSIVE =
            Set.of(TargetReason.CONNECTION_REFUSED.code(), TargetReason.CONNECTION_RESET.code());

    private final Fleet fleet;
    private final Balancer balancer;
    private final Clock clock;
    private final Map<String, Duration> gracePeriodOfService;
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "gale-health-grace");
        thread.setDaemon(true);
        return thread;
    });

    UnhealthyTaskReplacer(Fleet fleet, Balancer balancer, Clock clock, Map<String, Duration> gracePeriodOfService) {
        this.fleet = fleet;
        this.balancer = balancer;
        this.clock = clock;
        this.gracePeriodOfService = Map.copyOf(gracePeriodOfService);
    }

    @Override
    public void onTargetStateChange(String targetGroup, TargetSnapshot target, TargetState previous) {
        if (target.state() != TargetState.UNHEALTHY || PASSIVE.contains(target.reason())) {
            return;
        }
        fleet.task(target.id())
                .filter(task -> task.state() == TaskState.RUNNING)
                .ifPresent(task -> {
                    // Counted from RUNNING: a JVM that took long to start is not sick for that.
                    Instant since = task.runningSince() != null ? task.runningSince() : task.startedAt();
                    Instant graceEnds = since.plus(gracePeriodOfService.getOrDefault(task.service(), Duration.ZERO));
                    Duration left = Duration.between(clock.instant(), graceEnds);
                    if (left.isNegative() || left.isZero()) {
                        replace(task, targetGroup, target.reason());
                    } else {
                        log.info(
                                "Task {} is unhealthy within its grace period; checking again in {} ms",
                                task.id(),
                                left.toMillis());
                        later.schedule(
                                () -> replaceIfStillUnhealthy(task.id(), targetGroup),
                                left.toMillis(),
                                TimeUnit.MILLISECONDS);
                    }
                });
    }

    private void replaceIfStillUnhealthy(String taskId, String targetGroup) {
        balancer.targetGroup(targetGroup).targets().stream()
                .filter(t -> t.id().equals(taskId) && t.state() == TargetState.UNHEALTHY)
                .findFirst()
                .ifPresent(target -> fleet.task(taskId)
                        .filter(task -> task.state() == TaskState.RUNNING)
                        .ifPresent(task -> replace(task, targetGroup, target.reason())));
    }

    private void replace(TaskSnapshot task, String targetGroup, String reason) {
        log.info("Replacing task {}: its target in {} is unhealthy ({})", task.id(), targetGroup, reason);
        fleet.replaceTask(task.id(), REASON);
    }

    @Override
    public void close() {
        later.shutdownNow();
    }
}
