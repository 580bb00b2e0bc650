package gale.fleet;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * A stand-in for Gale in its own JVM: runs a fleet of one {@link TestServer} task, prints the task's pid, and
 * waits. The owner never calls close(): only the fleet's shutdown hook can stop the task. With a second argument
 * {@code ignore-parent} the task does not watch Gale's pid, as a task that knows nothing of Gale.
 */
public final class FleetHost {

    private FleetHost() {}

    public static void main(String[] args) throws Exception {
        Fleet fleet = new Fleet(new FleetConfig(Path.of(args[0]), Clock.systemUTC()), TaskLifecycle.NONE);
        Map<String, String> env = args.length > 1 && args[1].equals("ignore-parent")
                ? Map.of(TestServer.IGNORE_PARENT_ENV, "true")
                : Map.of();
        fleet.createService(TestTasks.service("hosted", 1, env));
        while (fleet.tasks().stream().noneMatch(task -> task.state() == TaskState.RUNNING)) {
            Thread.sleep(50);
        }
        System.out.println("task pid " + fleet.tasks().get(0).pid());
        System.out.flush();
        Thread.currentThread().join();
    }
}
