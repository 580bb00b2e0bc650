package gale.control;

import gale.balancer.TargetListener;
import gale.balancer.TargetReason;
import gale.balancer.TargetSnapshot;
import gale.balancer.TargetState;
import gale.fleet.Fleet;
import gale.fleet.TaskState;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces a task whose target failed its active health checks, as ECS does for "Task failed ELB health checks". A
 * target marked down passively (a refused or reset connection) is left to the fleet: such a task has usually died, and
 * the fleet replaces a dead task by itself.
 */
final class UnhealthyTaskReplacer implements TargetListener {

    static final String REASON = "Task failed ELB health checks";

    private static final Logger log = LoggerFactory.getLogger(UnhealthyTaskReplacer.class);
    private static final Set<String> PASSIVE =
            Set.of(TargetReason.CONNECTION_REFUSED.code(), TargetReason.CONNECTION_RESET.code());

    private final Fleet fleet;

    UnhealthyTaskReplacer(Fleet fleet) {
        this.fleet = fleet;
    }

    @Override
    public void onTargetStateChange(String targetGroup, TargetSnapshot target, TargetState previous) {
        if (target.state() != TargetState.UNHEALTHY || PASSIVE.contains(target.reason())) {
            return;
        }
        fleet.task(target.id())
                .filter(task -> task.state() == TaskState.RUNNING)
                .ifPresent(task -> {
                    log.info(
                            "Replacing task {}: its target in {} is unhealthy ({})",
                            task.id(),
                            targetGroup,
                            target.reason());
                    fleet.replaceTask(task.id(), REASON);
                });
    }
}
