package gale.fleet;

import gale.fleet.fault.TaskDisruption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * A stand-in for Gale with faults in place: one task of {@link TestServer} (that does not watch Gale's pid), hung with
 * SIGSTOP and stressed with stress-ng; prints the task's pid and the stress guard's pid, then waits to be killed.
 */
public final class FaultHost {

    private FaultHost() {}

    public static void main(String[] args) throws Exception {
        Fleet fleet = new Fleet(new FleetConfig(Path.of(args[0]), Clock.systemUTC()), TaskLifecycle.NONE);
        fleet.createService(TestTasks.service("hosted", 1, Map.of(TestServer.IGNORE_PARENT_ENV, "true")));
        while (fleet.tasks().stream().noneMatch(task -> task.state() == TaskState.RUNNING)) {
            Thread.sleep(50);
        }
        TaskSnapshot task = fleet.tasks().get(0);
        TaskDisruption stress = fleet.faults().stressCpu(task.id(), 50);
        fleet.faults().hang(task.id());
        System.out.println("task pid " + task.pid());
        System.out.println("stress pid " + stress.guardPid());
        System.out.flush();
        Thread.currentThread().join();
    }
}
