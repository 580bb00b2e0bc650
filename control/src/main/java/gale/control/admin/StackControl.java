package gale.control.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gale.control.events.EventLog;
import gale.control.fault.FaultRegistry;
import java.util.concurrent.CompletableFuture;

/** What the admin API can see and do to a running stack. */
public interface StackControl {

    /** {@code {"services": [...], "tasks": [...], "targets": [...]}} (docs/api.md). */
    ObjectNode status();

    EventLog events();

    /** The stack's faults: inject, list, clear (docs/faults.md). */
    FaultRegistry faults();

    /**
     * @throws java.util.NoSuchElementException for an unknown service
     * @throws IllegalArgumentException for a count out of range
     */
    void scale(String service, int desiredCount);

    /**
     * @return completes when the task has stopped
     * @throws java.util.NoSuchElementException for an unknown task
     */
    CompletableFuture<Void> stopTask(String taskId, boolean kill);

    /** Stops the stack in the background: every task, the balancer, the database, then the admin API. */
    void shutdownAsync(String reason);
}
