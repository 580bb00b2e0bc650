package gale.control.fault;

import gale.fleet.Fleet;
import gale.fleet.TaskFaults;
import gale.fleet.TaskSnapshot;
import gale.fleet.TaskState;
import gale.fleet.fault.TaskDisruption;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/** {@code task-kill}, {@code task-hang} and {@code task-cpu-stress}: running tasks of a service, chosen at random. */
final class TaskFaultAction implements FaultAction {

    private final Fleet fleet;
    private final Set<String> services;
    private final RandomGenerator random;

    TaskFaultAction(Fleet fleet, Set<String> services, RandomGenerator random) {
        this.fleet = fleet;
        this.services = Set.copyOf(services);
        this.random = random;
    }

    @Override
    public Applied apply(String faultId, FaultSpec spec) {
        String service = service(spec.selection().service());
        List<TaskSnapshot> running = new ArrayList<>(fleet.tasks().stream()
                .filter(task -> task.service().equals(service) && task.state() == TaskState.RUNNING)
                .toList());
        if (running.isEmpty()) {
            throw new IllegalStateException("service " + service + " has no running task to act on");
        }
        int count = spec.selection().taskCount(running.size());
        List<String> chosen = new ArrayList<>();
        List<TaskDisruption> disruptions = new ArrayList<>();
        TaskFaults faults = fleet.faults();
        try {
            for (int i = 0; i < count; i++) {
                TaskSnapshot task = running.remove(random.nextInt(running.size()));
                switch (spec.kind()) {
                    case TASK_KILL -> faults.signal(task.id(), spec.parameters().signal());
                    case TASK_HANG -> disruptions.add(faults.hang(task.id()));
                    case TASK_CPU_STRESS ->
                        disruptions.add(
                                faults.stressCpu(task.id(), spec.parameters().loadPercent()));
                    default ->
                        throw new IllegalArgumentException(
                                "kind: " + spec.kind().label() + " (expected: a task fault)");
                }
                chosen.add(task.id());
            }
        } catch (IOException e) {
            disruptions.forEach(TaskDisruption::revert);
            throw new IllegalStateException(e.getMessage(), e);
        } catch (RuntimeException e) {
            disruptions.forEach(TaskDisruption::revert);
            throw e;
        }
        return new Applied(chosen, () -> disruptions.forEach(TaskDisruption::revert));
    }

    private String service(String named) {
        if (named == null) {
            if (services.size() != 1) {
                throw new IllegalArgumentException("service: missing (expected: one of "
                        + services.stream().sorted().toList() + ")");
            }
            return services.iterator().next();
        }
        if (!services.contains(named)) {
            throw new IllegalArgumentException("service: " + named + " (expected: one of "
                    + services.stream().sorted().toList() + ")");
        }
        return named;
    }
}
