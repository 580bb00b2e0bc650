package gale.balancer;

/** How a target group picks a target for each request. */
public enum Algorithm {
    ROUND_ROBIN,
    /** The routable target with the fewest requests in flight; ties go round robin. */
    LEAST_OUTSTANDING_REQUESTS
}
