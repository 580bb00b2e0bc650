package gale.fleet;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The fleet's owner hooks into a task's life here: it registers a task with the load balancer once it runs, and
 * deregisters and drains it before the fleet signals it. Called on the fleet's supervision thread: return at
 * once, do slow work asynchronously.
 */
public interface TaskLifecycle {

    /** A lifecycle that does nothing: tasks are signalled as soon as a stop begins. */
    TaskLifecycle NONE = new TaskLifecycle() {};

    /** The task accepts TCP connections on its port (it just became RUNNING). */
    default void onRunning(TaskSnapshot task) {}

    /**
     * A graceful stop of a RUNNING task began (it is DRAINING). The fleet sends SIGTERM once the returned stage
     * completes (normally or not), or after the service's stop timeout, whichever comes first.
     */
    default CompletionStage<Void> beforeStop(TaskSnapshot task) {
        return CompletableFuture.completedFuture(null);
    }
}
