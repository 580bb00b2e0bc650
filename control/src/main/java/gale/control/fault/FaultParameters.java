package gale.control.fault;

import gale.fleet.fault.TaskSignal;
import java.time.Duration;

/**
 * What a fault does, each parameter for the kinds that read it (docs/faults.md); the defaults are here, once.
 *
 * @param signal {@code task-kill}: KILL or TERM
 * @param loadPercent {@code task-cpu-stress}: percent of the task's CPU limit, 1-100
 * @param mode {@code database-outage}: stop (refused) or hang (accepted, never answered)
 * @param delay {@code http-latency}: added before the response; {@code net-slow-close}: before the close
 * @param jitter {@code http-latency}: up to this much more or less, at random
 * @param errorRate {@code http-error}: fraction of requests answered with {@code status}, 0-1
 * @param status {@code http-error}: the status of the injected responses
 * @param bytesPerSecond {@code net-bandwidth}: the rate responses are relayed at
 * @param toxicity the fraction of connections (or requests) the fault touches, 0-1, as Toxiproxy's
 */
public record FaultParameters(
        TaskSignal signal,
        int loadPercent,
        OutageMode mode,
        Duration delay,
        Duration jitter,
        double errorRate,
        int status,
        long bytesPerSecond,
        double toxicity) {

    public static final TaskSignal DEFAULT_SIGNAL = TaskSignal.KILL;
    public static final int DEFAULT_LOAD_PERCENT = 100;
    public static final OutageMode DEFAULT_MODE = OutageMode.STOP;
    public static final Duration DEFAULT_DELAY = Duration.ofSeconds(1);
    public static final Duration DEFAULT_JITTER = Duration.ZERO;
    public static final double DEFAULT_ERROR_RATE = 1.0;
    public static final int DEFAULT_STATUS = 503;
    public static final long DEFAULT_BYTES_PER_SECOND = 10 * 1024;
    public static final double DEFAULT_TOXICITY = 1.0;

    public static final FaultParameters DEFAULTS = new FaultParameters(
            DEFAULT_SIGNAL,
            DEFAULT_LOAD_PERCENT,
            DEFAULT_MODE,
            DEFAULT_DELAY,
            DEFAULT_JITTER,
            DEFAULT_ERROR_RATE,
            DEFAULT_STATUS,
            DEFAULT_BYTES_PER_SECOND,
            DEFAULT_TOXICITY);

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
        java.util.Objects.requireNonNull(delay, "delay");
        java.util.Objects.requireNonNull(jitter, "jitter");
        if (loadPercent < 1 || loadPercent > 100) {
            throw new IllegalArgumentException("load: " + loadPercent + " (expected: 1-100 percent)");
        }
        if (delay.isNegative() || delay.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("delay: " + delay + " (expected: 0-10m)");
        }
        if (jitter.isNegative() || jitter.compareTo(delay) > 0) {
            throw new IllegalArgumentException("jitter: " + jitter + " (expected: 0 up to the delay, " + delay + ")");
        }
        if (!(errorRate >= 0 && errorRate <= 1)) {
            throw new IllegalArgumentException("rate: " + errorRate + " (expected: 0-1)");
        }
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status: " + status + " (expected: 100-599)");
        }
        if (bytesPerSecond < 1) {
            throw new IllegalArgumentException("bandwidth: " + bytesPerSecond + " (expected: >= 1 byte per second)");
        }
        if (!(toxicity >= 0 && toxicity <= 1)) {
            throw new IllegalArgumentException("toxicity: " + toxicity + " (expected: 0-1)");
        }
    }
}
