package gale.control.deploy;

/** Where a deployment is, as ECS's rolloutState names it. */
public enum DeploymentState {
    IN_PROGRESS,
    COMPLETED,
    /** Failed (circuit breaker, alarm, analysis, progress deadline) or superseded; the reason says which. */
    FAILED
}
