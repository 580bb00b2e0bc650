package gale.balancer;

/** ALB's target states. */
public enum TargetState {
    /** Registered, health checks have not decided yet; receives traffic only in fail-open. */
    INITIAL,
    HEALTHY,
    /** Failed its health checks or a connection; receives traffic only in fail-open. */
    UNHEALTHY,
    /** Deregistering: receives no new requests, in-flight ones finish. */
    DRAINING
}
