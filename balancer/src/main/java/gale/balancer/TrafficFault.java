package gale.balancer;

import static java.util.Objects.requireNonNull;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * A fault in the traffic of one target group, or of one of its targets, for a while. Each kind reads its own
 * parameters (see {@link TrafficFaultKind}); the others keep their defaults. The defaults are here, once.
 *
 * @param targetGroup the group whose requests it affects
 * @param target only the requests sent to this target of the group; {@code null} for all of them
 * @param toxicity the fraction of the requests it may affect, drawn per request, 0-1 (Toxiproxy's toxicity)
 * @param delay {@code http-latency}: added before the request goes on; {@code net-slow-close}: before a close
 * @param jitter {@code http-latency}: the delay varies by up to this much either way
 * @param errorRate {@code http-error}: the fraction of the requests answered with {@code errorStatus}, 0-1
 * @param errorStatus {@code http-error}: the status of the balancer's answer, 200-599
 * @param bytesPerSecond {@code net-bandwidth}: the response's rate to the client
 * @param duration how long it lasts; it is reverted then by itself
 */
public record TrafficFault(
        TrafficFaultKind kind,
        String targetGroup,
        InetSocketAddress target,
        double toxicity,
        Duration delay,
        Duration jitter,
        double errorRate,
        int errorStatus,
        long bytesPerSecond,
        Duration duration) {

    public static final double DEFAULT_TOXICITY = 1.0;
    public static final Duration DEFAULT_JITTER = Duration.ZERO;
    public static final double DEFAULT_ERROR_RATE = 1.0;
    public static final int DEFAULT_ERROR_STATUS = 503;

    public TrafficFault {
        requireNonNull(kind, "kind");
        requireNonNull(targetGroup, "targetGroup");
        requireNonNull(delay, "delay");
        requireNonNull(jitter, "jitter");
        requireNonNull(duration, "duration");
        if (!(toxicity >= 0 && toxicity <= 1)) {
            throw new IllegalArgumentException("toxicity: " + toxicity + " (expected: 0-1)");
        }
        if (!(errorRate >= 0 && errorRate <= 1)) {
            throw new IllegalArgumentException("rate: " + errorRate + " (expected: 0-1)");
        }
        if (errorStatus < 200 || errorStatus > 599) {
            throw new IllegalArgumentException("status: " + errorStatus + " (expected: 200-599)");
        }
        if (delay.isNegative() || jitter.isNegative()) {
            throw new IllegalArgumentException("delay: " + delay + ", jitter: " + jitter + " (expected: not negative)");
        }
        if (!duration.isPositive()) {
            throw new IllegalArgumentException("duration: " + duration + " (expected: more than 0)");
        }
        boolean delays = kind == TrafficFaultKind.HTTP_LATENCY || kind == TrafficFaultKind.NET_SLOW_CLOSE;
        if (delays && !delay.isPositive()) {
            throw new IllegalArgumentException("delay: " + delay + " (expected: more than 0 for " + kind.label() + ")");
        }
        if (kind == TrafficFaultKind.NET_BANDWIDTH && bytesPerSecond < 1) {
            throw new IllegalArgumentException(
                    "rate: " + bytesPerSecond + " (expected: at least 1 byte/s for " + kind.label() + ")");
        }
    }

    public static TrafficFault latency(String targetGroup, Duration delay, Duration jitter, Duration duration) {
        return of(TrafficFaultKind.HTTP_LATENCY, targetGroup, delay, jitter, DEFAULT_ERROR_RATE, 0, duration);
    }

    public static TrafficFault error(String targetGroup, double rate, int status, Duration duration) {
        return of(TrafficFaultKind.HTTP_ERROR, targetGroup, Duration.ZERO, DEFAULT_JITTER, rate, 0, duration)
                .withStatus(status);
    }

    public static TrafficFault reset(String targetGroup, Duration duration) {
        return of(
                TrafficFaultKind.NET_RESET,
                targetGroup,
                Duration.ZERO,
                DEFAULT_JITTER,
                DEFAULT_ERROR_RATE,
                0,
                duration);
    }

    public static TrafficFault blackhole(String targetGroup, Duration duration) {
        return of(
                TrafficFaultKind.NET_BLACKHOLE,
                targetGroup,
                Duration.ZERO,
                DEFAULT_JITTER,
                DEFAULT_ERROR_RATE,
                0,
                duration);
    }

    public static TrafficFault bandwidth(String targetGroup, long bytesPerSecond, Duration duration) {
        return of(
                TrafficFaultKind.NET_BANDWIDTH,
                targetGroup,
                Duration.ZERO,
                DEFAULT_JITTER,
                DEFAULT_ERROR_RATE,
                bytesPerSecond,
                duration);
    }

    public static TrafficFault slowClose(String targetGroup, Duration delay, Duration duration) {
        return of(TrafficFaultKind.NET_SLOW_CLOSE, targetGroup, delay, DEFAULT_JITTER, DEFAULT_ERROR_RATE, 0, duration);
    }

    /** The same fault, only on the requests sent to {@code target}. */
    public TrafficFault withTarget(InetSocketAddress target) {
        return new TrafficFault(
                kind, targetGroup, target, toxicity, delay, jitter, errorRate, errorStatus, bytesPerSecond, duration);
    }

    public TrafficFault withToxicity(double toxicity) {
        return new TrafficFault(
                kind, targetGroup, target, toxicity, delay, jitter, errorRate, errorStatus, bytesPerSecond, duration);
    }

    private TrafficFault withStatus(int status) {
        return new TrafficFault(
                kind, targetGroup, target, toxicity, delay, jitter, errorRate, status, bytesPerSecond, duration);
    }

    private static TrafficFault of(
            TrafficFaultKind kind,
            String targetGroup,
            Duration delay,
            Duration jitter,
            double rate,
            long bytesPerSecond,
            Duration duration) {
        return new TrafficFault(
                kind,
                targetGroup,
                null,
                DEFAULT_TOXICITY,
                delay,
                jitter,
                rate,
                DEFAULT_ERROR_STATUS,
                bytesPerSecond,
                duration);
    }
}
