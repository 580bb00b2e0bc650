package gale.control.fault;

import gale.balancer.TrafficFault;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The traffic faults' parameters as the user gave them, null where not given: the balancer's {@link TrafficFault}
 * owns their defaults and their checks.
 *
 * @param delay {@code http-latency}, {@code net-slow-close}
 * @param jitter {@code http-latency}
 * @param rate {@code http-error}: the fraction answered with an error, 0-1; {@code net-bandwidth}: bytes per second
 * @param status {@code http-error}
 * @param toxicity every traffic fault: the fraction of requests it may act on, 0-1
 */
public record TrafficParameters(Duration delay, Duration jitter, Double rate, Integer status, Double toxicity) {

    public static final TrafficParameters NONE = new TrafficParameters(null, null, null, null, null);

    /**
     * The balancer's fault for {@code kind} on {@code targetGroup} (and {@code target}, if not null).
     *
     * @throws IllegalArgumentException for a parameter out of range, or one the kind needs and was not given
     */
    TrafficFault toFault(FaultKind kind, String targetGroup, InetSocketAddress target, Duration duration) {
        TrafficFault fault = switch (kind) {
            case HTTP_LATENCY ->
                TrafficFault.latency(
                        targetGroup,
                        required(delay, "delay", "a duration like 200ms", kind),
                        jitter == null ? TrafficFault.DEFAULT_JITTER : jitter,
                        duration);
            case HTTP_ERROR ->
                TrafficFault.error(
                        targetGroup,
                        rate == null ? TrafficFault.DEFAULT_ERROR_RATE : rate,
                        status == null ? TrafficFault.DEFAULT_ERROR_STATUS : status,
                        duration);
            case NET_RESET -> TrafficFault.reset(targetGroup, duration);
            case NET_BLACKHOLE -> TrafficFault.blackhole(targetGroup, duration);
            case NET_BANDWIDTH ->
                TrafficFault.bandwidth(
                        targetGroup, bytesPerSecond(required(rate, "rate", "bytes per second", kind)), duration);
            case NET_SLOW_CLOSE ->
                TrafficFault.slowClose(targetGroup, required(delay, "delay", "a duration like 500ms", kind), duration);
            default -> throw new IllegalArgumentException("kind: " + kind.label() + " (expected: a traffic fault)");
        };
        return fault.withTarget(target).withToxicity(toxicity == null ? TrafficFault.DEFAULT_TOXICITY : toxicity);
    }

    private static <T> T required(T value, String field, String expected, FaultKind kind) {
        if (value == null) {
            throw new IllegalArgumentException(
                    field + ": missing (expected: " + expected + " for " + kind.label() + ")");
        }
        return value;
    }

    private static long bytesPerSecond(double rate) {
        if (rate < 1 || rate != Math.rint(rate)) {
            throw new IllegalArgumentException(
                    "rate: " + rate + " (expected: a whole number of bytes per second, at least 1, for net-bandwidth)");
        }
        return (long) rate;
    }
}
