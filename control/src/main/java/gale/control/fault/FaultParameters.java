package gale.control.fault;

import gale.fleet.fault.TaskSignal;

/**
 * What a fault does, each parameter for the kinds that read it (docs/faults.md); the defaults are here, once, but
 * for traffic faults', which are the balancer's ({@link gale.balancer.TrafficFault}).
 *
 * @param signal {@code task-kill}: KILL or TERM
 * @param loadPercent {@code task-cpu-stress}: percent of the task's CPU limit, 1-100
 * @param mode {@code database-outage}: stop (refused) or hang (accepted, never answered)
 * @param traffic the traffic faults' parameters, as given
 */
public record FaultParameters(TaskSignal signal, int loadPercent, OutageMode mode, TrafficParameters traffic) {

    public static final TaskSignal DEFAULT_SIGNAL = TaskSignal.KILL;
    public static final int DEFAULT_LOAD_PERCENT = 100;
    public static final OutageMode DEFAULT_MODE = OutageMode.STOP;

    public static final FaultParameters DEFAULTS =
            new FaultParameters(DEFAULT_SIGNAL, DEFAULT_LOAD_PERCENT, DEFAULT_MODE, TrafficParameters.NONE);

    /** {@code database-outage}'s two ways down. */
    public enum OutageMode {
        /** The server is down: connections refused, open ones closed. */
        STOP,
        /** The server keeps its connections and answers nothing. */
        HANG
    }

    public FaultParameters {
        java.util.Objects.requireNonNull(signal, "signal");
        java.util.Objects.requireNonNull(mode, "mode");
        java.util.Objects.requireNonNull(traffic, "traffic");
        if (loadPercent < 1 || loadPercent > 100) {
            throw new IllegalArgumentException("load: " + loadPercent + " (expected: 1-100 percent)");
        }
    }
}
