package gale.balancer;

import java.time.Duration;

/**
 * What a listener accepts before it answers with an error itself.
 *
 * @param maxConnections concurrent client connections; beyond it 503 with Retry-After, then close
 * @param maxHeaderBytes request line plus headers; beyond it 431 (414 for the request line alone)
 * @param maxBodyBytes request body; beyond it 413
 * @param clientIdleTimeout a client connection with no request in progress is closed after this
 * @param requestTimeout time a target has to start its response, and to make progress while sending it; 504
 */
public record ListenerLimits(
        int maxConnections,
        int maxHeaderBytes,
        long maxBodyBytes,
        Duration clientIdleTimeout,
        Duration requestTimeout) {

    public static final ListenerLimits DEFAULTS = new ListenerLimits(
            BalancerDefaults.MAX_CONNECTIONS,
            BalancerDefaults.MAX_HEADER_BYTES,
            BalancerDefaults.MAX_BODY_BYTES,
            BalancerDefaults.CLIENT_IDLE_TIMEOUT,
            BalancerDefaults.REQUEST_TIMEOUT);

    public ListenerLimits {
        Validate.range(maxConnections, 1, 1_000_000, "maxConnections");
        Validate.range(maxHeaderBytes, 256, 1024 * 1024, "maxHeaderBytes");
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxBodyBytes: " + maxBodyBytes + " (expected: >= 0)");
        }
        Validate.positive(clientIdleTimeout, "clientIdleTimeout");
        Validate.positive(requestTimeout, "requestTimeout");
    }
}
