package gale.control;

import gale.balancer.Balancer;
import gale.fleet.TaskEvent;
import gale.fleet.TaskLifecycle;
import gale.fleet.TaskListener;
import gale.fleet.TaskSnapshot;
import gale.fleet.TaskState;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each service's tasks registered in its target group, as ECS does with an ALB: a task that runs becomes a target
 * (its id is the task id); a task that is being stopped is deregistered and drained before the fleet signals it; a
 * task that stopped on its own is deregistered at once.
 */
final class TaskTargets implements TaskLifecycle, TaskListener {

    private static final Logger log = LoggerFactory.getLogger(TaskTargets.class);

    private final Balancer balancer;
    private final Map<String, String> targetGroupOfService;

    TaskTargets(Balancer balancer, Map<String, String> targetGroupOfService) {
        this.balancer = balancer;
        this.targetGroupOfService = Map.copyOf(targetGroupOfService);
    }

    Optional<String> targetGroupOf(String service) {
        return Optional.ofNullable(targetGroupOfService.get(service));
    }

    @Override
    public void onRunning(TaskSnapshot task) {
        targetGroupOf(task.service()).ifPresent(group -> {
            try {
                balancer.targetGroup(group).register(task.id(), new InetSocketAddress("127.0.0.1", task.port()));
            } catch (IllegalStateException alreadyRegistered) {
                log.debug("Task {} is already a target of {}", task.id(), group);
            }
        });
    }

    @Override
    public CompletionStage<Void> beforeStop(TaskSnapshot task) {
        return targetGroupOf(task.service())
                .map(group -> balancer.targetGroup(group).deregister(task.id()))
                .orElseGet(() -> CompletableFuture.completedFuture(null));
    }

    @Override
    public void onTaskEvent(TaskEvent event) {
        TaskSnapshot task = event.task();
        if (task.state() == TaskState.STOPPED) {
            // A task that died on its own was never drained: take it out of rotation now.
            targetGroupOf(task.service())
                    .ifPresent(group -> balancer.targetGroup(group).deregister(task.id()));
        }
    }
}
