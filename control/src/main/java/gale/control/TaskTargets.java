package gale.control;

import gale.balancer.Balancer;
import gale.balancer.TargetGroup;
import gale.control.deploy.Deployments;
import gale.control.deploy.TestRoutes;
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
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each service's tasks registered in its target group, as ECS does with an ALB: a task that runs becomes a target
 * (its id is the task id) in its revision's pool, so that a deployment can weigh the traffic between revisions; a task
 * that is being stopped is deregistered and drained before the fleet signals it; a task that stopped on its own is
 * deregistered at once. A service's test target group ({@code deployment.testTargetGroup}) holds the tasks of the
 * revision a deployment routes to it.
 */
final class TaskTargets implements TaskLifecycle, TaskListener, TestRoutes {

    private static final Logger log = LoggerFactory.getLogger(TaskTargets.class);

    private final Balancer balancer;
    private final Map<String, String> targetGroupOfService;
    private final Map<String, String> testGroupOfService;
    /** The revision each service's test target group holds, by service; absent: none. */
    private final Map<String, Integer> testRevision = new ConcurrentHashMap<>();
    /** Running tasks, by id: those a test target group takes when a deployment routes it to their revision. */
    private final Map<String, TaskSnapshot> running = new ConcurrentHashMap<>();

    TaskTargets(Balancer balancer, Map<String, String> targetGroupOfService, Map<String, String> testGroupOfService) {
        this.balancer = balancer;
        this.targetGroupOfService = Map.copyOf(targetGroupOfService);
        this.testGroupOfService = Map.copyOf(testGroupOfService);
    }

    Optional<String> targetGroupOf(String service) {
        return Optional.ofNullable(targetGroupOfService.get(service));
    }

    boolean isTestGroup(String group) {
        return testGroupOfService.containsValue(group);
    }

    @Override
    public void onRunning(TaskSnapshot task) {
        running.put(task.id(), task);
        targetGroupOf(task.service()).ifPresent(group -> register(group, task));
        if (testRevision.getOrDefault(task.service(), 0) == task.revision()) {
            testGroupOf(task.service()).ifPresent(group -> register(group, task));
        }
    }

    @Override
    public CompletionStage<Void> beforeStop(TaskSnapshot task) {
        running.remove(task.id());
        return CompletableFuture.allOf(
                deregister(targetGroupOf(task.service()), task), deregister(testGroupOf(task.service()), task));
    }

    @Override
    public void onTaskEvent(TaskEvent event) {
        TaskSnapshot task = event.task();
        if (task.state() == TaskState.STOPPED) {
            // A task that died on its own was never drained: take it out of rotation now.
            running.remove(task.id());
            deregister(targetGroupOf(task.service()), task);
            deregister(testGroupOf(task.service()), task);
        }
    }

    @Override
    public Optional<String> route(String service, int revision) {
        Optional<String> testGroup = testGroupOf(service);
        testGroup.ifPresent(name -> {
            Integer before = revision > 0 ? testRevision.put(service, revision) : testRevision.remove(service);
            if (before != null && before == revision) {
                return;
            }
            TargetGroup group = balancer.targetGroup(name);
            // The revision is set first: a task that turns RUNNING meanwhile registers itself, and the loop below
            // skips it.
            for (TaskSnapshot task : running.values()) {
                if (task.service().equals(service) && task.revision() == revision) {
                    register(name, task);
                }
            }
            group.targets().stream()
                    .filter(t -> !isOf(t.id(), service, revision))
                    .forEach(t -> group.deregister(t.id()));
            log.info("Test target group {} of {}: {}", name, service, revision > 0 ? "revision " + revision : "none");
        });
        return testGroup;
    }

    private boolean isOf(String taskId, String service, int revision) {
        TaskSnapshot task = running.get(taskId);
        return task != null && task.service().equals(service) && task.revision() == revision;
    }

    private Optional<String> testGroupOf(String service) {
        return Optional.ofNullable(testGroupOfService.get(service));
    }

    private void register(String group, TaskSnapshot task) {
        try {
            balancer.targetGroup(group)
                    .register(
                            task.id(),
                            new InetSocketAddress("127.0.0.1", task.port()),
                            Deployments.pool(task.revision()));
        } catch (IllegalStateException alreadyRegistered) {
            log.debug("Task {} is already a target of {}", task.id(), group);
        }
    }

    private CompletableFuture<Void> deregister(Optional<String> group, TaskSnapshot task) {
        return group.map(name -> balancer.targetGroup(name).deregister(task.id()))
                .orElseGet(() -> CompletableFuture.completedFuture(null));
    }
}
