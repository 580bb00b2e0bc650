package gale.autoscaler;

/** The service the policy scales. */
public interface ScalingTarget {
    /** The count the service is asked to run now (its desired count: starting tasks count as running). */
    int currentCount();

    /** Asks the service to run {@code count} tasks; {@code reason} explains why, for the event stream. */
    void setDesired(int count, String reason);
}
