package gale.balancer;

import java.time.Duration;

/**
 * What a listener accepts before it answers with an error itself.
 *
 * @param maxConnections concurrent client connections; beyond it 503 with Retry-After, then close
 * @param maxHeaderBytes request line plus headers; beyond it 431 (414 for the request line alone)
 * @param maxBodyBytes request body; beyond it 413
 * @param clientIdleTimeout a client connection that sends nothing for this long while no request is in progress is
 *     closed: between requests on a keep-alive connection, this is the only client timeout (HAProxy's
 *     {@code timeout http-keep-alive})
 * @param requestHeaderTimeout the whole request head must arrive within this, counted from the connection's accept
 *     for its first request and from the first byte of each later one (HAProxy's {@code timeout http-request}); 408
 *     when part of a head came, a silent close when nothing did
 * @param bodyReadTimeout the longest pause between two reads of a request body (nginx's
 *     {@code client_body_timeout}); 408
 * @param requestTimeout time a target has to start its response, and to make progress while sending it; 504
 */
public record ListenerLimits(
        int maxConnections,
        int maxHeaderBytes,
        long maxBodyBytes,
        Duration clientIdleTimeout,
        Duration requestHeaderTimeout,
        Duration bodyReadTimeout,
        Duration requestTimeout) {

    public static final ListenerLimits DEFAULTS = new ListenerLimits(
            BalancerDefaults.MAX_CONNECTIONS,
            BalancerDefaults.MAX_HEADER_BYTES,
            BalancerDefaults.MAX_BODY_BYTES,
            BalancerDefaults.CLIENT_IDLE_TIMEOUT,
            BalancerDefaults.REQUEST_HEADER_TIMEOUT,
            BalancerDefaults.BODY_READ_TIMEOUT,
            BalancerDefaults.REQUEST_TIMEOUT);

    public ListenerLimits {
        Validate.range(maxConnections, 1, 1_000_000, "maxConnections");
        Validate.range(maxHeaderBytes, 256, 1024 * 1024, "maxHeaderBytes");
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxBodyBytes: " + maxBodyBytes + " (expected: >= 0)");
        }
        Validate.positive(clientIdleTimeout, "clientIdleTimeout");
        Validate.positive(requestHeaderTimeout, "requestHeaderTimeout");
        Validate.positive(bodyReadTimeout, "bodyReadTimeout");
        Validate.positive(requestTimeout, "requestTimeout");
    }
}
