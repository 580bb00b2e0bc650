package gale.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gale.balancer.Balancer;
import gale.balancer.ConnectionLimit;
import gale.balancer.TargetGroup;
import gale.balancer.TargetSnapshot;
import gale.control.fault.FaultRegistry;
import gale.fleet.Fleet;
import gale.fleet.ServiceSnapshot;
import gale.fleet.TaskSnapshot;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api/status} and {@code gale status --json}: services, tasks, targets, the queues of groups with a
 * maxConnections, and active faults (docs/api.md).
 */
final class StatusJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Fleet fleet;
    private final Balancer balancer;
    private final Set<String> targetGroups;
    private final TaskTargets taskTargets;
    private final FaultRegistry faults;

    StatusJson(
            Fleet fleet, Balancer balancer, Set<String> targetGroups, TaskTargets taskTargets, FaultRegistry faults) {
        this.faults = faults;
        this.fleet = fleet;
        this.balancer = balancer;
        this.targetGroups = Set.copyOf(targetGroups);
        this.taskTargets = taskTargets;
    }

    ObjectNode status() {
        Map<String, TargetSnapshot> targetById = new HashMap<>();
        ArrayNode targets = JSON.createArrayNode();
        for (String group : targetGroups) {
            for (TargetSnapshot t : balancer.targetGroup(group).targets()) {
                // During a deployment a task is also a target of its service's test target group: its health is
                // its own group's.
                if (!taskTargets.isTestGroup(group)) {
                    targetById.put(t.id(), t);
                }
                ObjectNode node = targets.addObject();
                node.put("targetGroup", group);
                node.put("id", t.id());
                node.put(
                        "address",
                        t.address().getHostString() + ":" + t.address().getPort());
                node.put("state", t.state().name());
                node.put("reason", t.reason());
                node.put("detail", t.detail());
                node.put("inFlight", t.inFlight());
                node.put("slowStartLeftMs", t.slowStartLeft().toMillis());
                node.put(
                        "lastCheck",
                        t.lastCheck() == null ? null : t.lastCheck().toString());
            }
        }
        ObjectNode root = JSON.createObjectNode();
        root.set("services", services(fleet.services()));
        root.set("tasks", tasks(fleet.tasks(), targetById));
        root.set("targets", targets);
        root.set("queues", queues());
        ArrayNode active = root.putArray("faults");
        faults.activeFaults().forEach(fault -> active.add(fault.toJson()));
        return root;
    }

    private ArrayNode services(List<ServiceSnapshot> services) {
        ArrayNode array = JSON.createArrayNode();
        for (ServiceSnapshot s : services) {
            ObjectNode node = array.addObject();
            node.put("name", s.name());
            node.put("desiredCount", s.desiredCount());
            node.put("runningCount", s.runningCount());
            node.put("pendingCount", s.pendingCount());
            node.put("drainingCount", s.drainingCount());
            node.put("restarts", s.restarts());
            node.put("consecutiveFailures", s.consecutiveFailures());
            node.put(
                    "nextLaunchAt",
                    s.nextLaunchAt() == null ? null : s.nextLaunchAt().toString());
            node.put("cpuLimit", s.config().cpuLimit());
            node.put("memoryLimitBytes", s.config().memoryLimitBytes());
            node.put("revision", s.revision());
            node.put("targetGroup", taskTargets.targetGroupOf(s.name()).orElse(null));
        }
        return array;
    }

    private ArrayNode tasks(List<TaskSnapshot> tasks, Map<String, TargetSnapshot> targetById) {
        ArrayNode array = JSON.createArrayNode();
        for (TaskSnapshot t : tasks) {
            ObjectNode node = array.addObject();
            node.put("id", t.id());
            node.put("service", t.service());
            node.put("revision", t.revision());
            node.put("pid", t.pid());
            node.put("port", t.port());
            node.put("state", t.state().name());
            node.put("health", health(t, targetById.get(t.id())));
            node.put("cpuPercent", Math.round(t.cpuPercent() * 10) / 10.0);
            node.put("memoryBytes", t.memoryBytes());
            node.put("restarts", t.restarts());
            node.put("startedAt", t.startedAt().toString());
            node.put(
                    "runningSince",
                    t.runningSince() == null ? null : t.runningSince().toString());
            node.put("stoppedAt", t.stoppedAt() == null ? null : t.stoppedAt().toString());
            node.put("exitCode", t.exitCode());
            node.put("reason", t.reason());
            node.put("logFile", t.logFile().toString());
        }
        return array;
    }

    /**
     * The task's health as its target group sees it: {@code initial}, {@code healthy}, {@code unhealthy} or
     * {@code draining}; a task that is not a target (yet or any more) is {@code initial} before it runs,
     * {@code draining} while it stops and {@code unhealthy} after; a service without a target group has {@code none}.
     */
    private String health(TaskSnapshot task, TargetSnapshot target) {
        if (target != null) {
            return target.state().name().toLowerCase(Locale.ROOT);
        }
        if (taskTargets.targetGroupOf(task.service()).isEmpty()) {
            return "none";
        }
        return switch (task.state()) {
            case PENDING -> "initial";
            case DRAINING -> "draining";
            default -> "unhealthy";
        };
    }

    /** The queue of each group whose targets have a maxConnections: requests waiting for a target with room. */
    private ArrayNode queues() {
        ArrayNode queues = JSON.createArrayNode();
        for (String name : targetGroups) {
            TargetGroup group = balancer.targetGroup(name);
            ConnectionLimit limit = group.connectionLimit();
            if (limit.limited()) {
                ObjectNode node = queues.addObject();
                node.put("targetGroup", name);
                node.put("maxConnections", limit.maxConnections());
                node.put("queued", group.queuedRequests());
                node.put("maxQueued", limit.maxQueued());
                node.put("oldestWaitMs", group.oldestQueuedWait().toMillis());
            }
        }
        return queues;
    }
}
