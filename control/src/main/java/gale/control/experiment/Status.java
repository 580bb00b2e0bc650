package gale.control.experiment;

/** How an experiment ended, in Chaos Toolkit's words. */
public enum Status {
    /** The hypothesis held before, during and after the method. */
    COMPLETED,
    /** The method ran, and the hypothesis did not hold during or after it. */
    DEVIATED,
    /** The hypothesis did not hold before the method (which then did not run), or an action failed. */
    ABORTED,
    /** Ctrl-C or SIGTERM stopped it; rollbacks still ran. */
    INTERRUPTED;

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
