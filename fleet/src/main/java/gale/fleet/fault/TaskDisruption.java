package gale.fleet.fault;

/** A fault applied to a task through the fleet, until {@link #revert()} (or until Gale dies). */
public interface TaskDisruption {

    /** The process that holds the fault in place and reverts it (stress-ng runs under it). */
    long guardPid();

    /** Whether the fault is still in place. */
    boolean active();

    /** Takes the fault away; idempotent, and harmless once the task is gone. */
    void revert();
}
