package gale.loadgen.api;

/** What the API reads and changes on a running test. */
public interface RunControl {

    RunStatus status();

    /** Applies {@code patch} (VUs, then pause, then stop) and answers the new status; refusals throw {@link ApiException}. */
    RunStatus apply(StatusPatch patch);
}
