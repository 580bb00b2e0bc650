package gale.balancer;

/**
 * Every response the balancer makes itself, with its status and the value of its {@code X-Gale-Error} header, so
 * nobody has to guess which hop failed.
 */
public enum BalancerError {
    MALFORMED(400, "malformed-request"),
    /** A chunked request body whose framing breaks after its head was forwarded: desync-classified Severe. */
    MALFORMED_BODY(400, "malformed-request"),
    /** Conflicting Content-Length/Transfer-Encoding, differing duplicate Content-Length, unknown Transfer-Encoding. */
    SMUGGLING(400, "smuggling"),
    /** The client paused longer than {@code bodyReadTimeout} in its request body. */
    CLIENT_TIMEOUT(408, "client-timeout"),
    /** Part of a request head came, but not all of it within {@code requestHeaderTimeout}. */
    HEADER_TIMEOUT(408, "header-timeout"),
    BODY_TOO_LARGE(413, "body-too-large"),
    URI_TOO_LONG(414, "uri-too-long"),
    HEADER_TOO_LARGE(431, "header-too-large"),
    TARGET_REFUSED(502, "target-refused"),
    TARGET_RESET(502, "target-reset"),
    BAD_RESPONSE(502, "bad-response"),
    /** The target closed the connection before a complete response. */
    TARGET_CLOSED(502, "target-closed"),
    NO_TARGET(503, "no-target"),
    NO_HEALTHY_TARGET(503, "no-healthy-target"),
    /** The group held the request for its first target ({@code holdWhenEmpty}) and none became healthy in time. */
    NO_TARGET_HOLD_TIMEOUT(503, "no-target-hold-timeout"),
    CONNECTION_LIMIT(503, "connection-limit"),
    /** Every target was at its {@code maxConnections} for the group's whole {@code queueTimeout}. */
    QUEUE_TIMEOUT(503, "queue-timeout"),
    /** Every target was at its {@code maxConnections} and the group's queue held {@code maxQueued} already. */
    QUEUE_FULL(503, "queue-full"),
    TARGET_TIMEOUT(504, "target-timeout"),
    TARGET_CONNECT_TIMEOUT(504, "target-connect-timeout");

    private final int status;
    private final String header;

    BalancerError(int status, String header) {
        this.status = status;
        this.header = header;
    }

    public int status() {
        return status;
    }

    /** The value of the {@code X-Gale-Error} header. */
    public String header() {
        return header;
    }
}
