package gale.balancer;

import java.util.Locale;

/**
 * The faults the balancer injects into the traffic of a target group or one target; {@link TrafficFault} holds their
 * parameters. The names follow xk6-disruptor's HTTP faults and Toxiproxy's toxics.
 */
public enum TrafficFaultKind {
    /** Holds each affected request for {@code delay ± jitter} before it goes to the target (Toxiproxy latency). */
    HTTP_LATENCY,
    /** Answers the affected requests itself with {@code status}, marked {@code x-gale-fault} (xk6 errorRate). */
    HTTP_ERROR,
    /** Resets the client connection (RST) instead of forwarding the request (Toxiproxy reset_peer). */
    NET_RESET,
    /** Keeps the client connection open, reads what it sends, never answers (Toxiproxy timeout 0). */
    NET_BLACKHOLE,
    /** Sends the response to the client at {@code bytesPerSecond} (Toxiproxy bandwidth). */
    NET_BANDWIDTH,
    /** Waits {@code delay} before closing a client connection the balancer closes (Toxiproxy slow_close). */
    NET_SLOW_CLOSE;

    /** The name users write: {@code net-slow-close}; also the value of the {@code x-gale-fault} header. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
