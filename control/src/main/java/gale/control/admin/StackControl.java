package gale.control.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gale.control.deploy.DeploymentSnapshot;
import gale.control.deploy.Deployments;
import gale.control.deploy.Strategy;
import gale.control.events.EventLog;
import gale.control.fault.FaultRegistry;
import java.util.List;
import java.util.Optional;
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

    /** Deploys, rolls back and lists deployments (docs/deployments.md). */
    Deployments deployments();

    /**
     * Deploys each service whose task definition in the stack file ({@code text}, named {@code file} in errors)
     * differs from the one it runs.
     *
     * @throws IllegalArgumentException for a bad stack file, or a service the stack does not run
     */
    List<DeploymentSnapshot> deployStackFile(String file, String text, Optional<Strategy> strategy);

    /** Stops the stack in the background: every task, the balancer, the database, then the admin API. */
    void shutdownAsync(String reason);
}
