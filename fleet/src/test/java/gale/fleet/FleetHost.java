package gale.fleet;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * A stand-in for Gale in its own JVM: runs a fleet of one {@link TestServer} task, prints the task's pid, and
 * waits. The owner never calls close(): only the fleet's shutdown hook can stop the task.
 */
public final class FleetHost {

    private FleetHost() {}

    public static void main(String[] args) throws Exception {
        Fleet fleet = new Fleet(new FleetConfig(Path.of(args[0]), Clock.systemUTC()), TaskLifecycle.NONE);
        fleet.createService(TestTasks.service("hosted", 1, Map.of()));
        while (fleet.tasks().stream().noneMatch(task -> task.state() == TaskState.RUNNING)) {
            Thread.sleep(50);
        }
        System.out.println("task pid " + fleet.tasks().get(0).pid());
        System.out.flush();
        Thread.currentThread().join();
    }
}
