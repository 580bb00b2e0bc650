package gale.balancer;

/** Why a target is in its state, with ALB's reason codes where ALB has one. */
public enum TargetReason {
    INITIAL_HEALTH_CHECKING("Elb.InitialHealthChecking"),
    /** Healthy targets carry no reason in ALB; Gale says so explicitly. */
    HEALTHY("Target.Healthy"),
    RESPONSE_CODE_MISMATCH("Target.ResponseCodeMismatch"),
    TIMEOUT("Target.Timeout"),
    FAILED_HEALTH_CHECKS("Target.FailedHealthChecks"),
    /** Passive detection: a connection to the target was refused. */
    CONNECTION_REFUSED("Target.ConnectionRefused"),
    /** Passive detection: the target reset a connection. */
    CONNECTION_RESET("Target.ConnectionReset"),
    DEREGISTRATION_IN_PROGRESS("Target.DeregistrationInProgress");

    private final String code;

    TargetReason(String code) {
        this.code = code;
    }

    /** The ALB-style code, e.g. {@code Target.Timeout}. */
    public String code() {
        return code;
    }
}
