package gale.balancer;

import java.time.Duration;

/** Every default of the balancer, in one place; docs/balancer.md lists them. */
public final class BalancerDefaults {
    /** Concurrent client connections per listener; the next one gets 503 with Retry-After. */
    public static final int MAX_CONNECTIONS = 10_000;
    /** Request line plus headers, like nginx's large_client_header_buffers. */
    public static final int MAX_HEADER_BYTES = 16 * 1024;
    /** Request body, like nginx's client_max_body_size but larger. */
    public static final long MAX_BODY_BYTES = 10L * 1024 * 1024;
    /** ALB's default idle timeout. */
    public static final Duration CLIENT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    /**
     * Time to receive a whole request head: HAProxy's shipped configuration sets {@code timeout http-request 10s}. A
     * real client sends its head in one write, so 10 s only ever cuts off a slow or hostile one (slowloris), and frees
     * its connection six times sooner than nginx's {@code client_header_timeout} of 60 s would.
     */
    public static final Duration REQUEST_HEADER_TIMEOUT = Duration.ofSeconds(10);
    /**
     * Longest pause between two reads of a request body: half of nginx's {@code client_body_timeout} (60 s). A body
     * pauses for real reasons (a mobile upload on a bad link, a client that streams as it produces), so this stays
     * well above the head's timeout, while a client that stops altogether frees its connection (and the target's)
     * twice as fast as nginx.
     */
    public static final Duration BODY_READ_TIMEOUT = Duration.ofSeconds(30);
    /**
     * Time a target has to start its response (and to make progress while sending it): nginx's
     * {@code proxy_read_timeout}, and ALB's idle timeout, which bounds the same wait there.
     */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    public static final String HEALTH_CHECK_PATH = "/";
    /**
     * ALB checks every 30 s with a 5 s timeout; Gale's stack runs on one machine whose targets answer in
     * milliseconds, so it checks often enough that a dead or hung task leaves the group within seconds: with two failed
     * checks, within 2 × interval + timeout (2.5 s), where ALB's defaults take a minute.
     */
    public static final Duration HEALTH_CHECK_INTERVAL = Duration.ofSeconds(1);

    public static final Duration HEALTH_CHECK_TIMEOUT = Duration.ofMillis(500);
    public static final int HEALTHY_THRESHOLD = 2;
    public static final int UNHEALTHY_THRESHOLD = 2;
    public static final String SUCCESS_CODES = "200-399";

    /** ALB waits 300 s; a local stack drains in seconds, so Gale waits less by default. */
    public static final Duration DEREGISTRATION_DELAY = Duration.ofSeconds(10);

    public static final Duration SLOW_START = Duration.ZERO;

    /** Time to open a connection to a target before trying another. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    /**
     * Idle pooled connections to a target are closed after this, unless the target's own {@code Keep-Alive: timeout=N}
     * asks for less; 4 s stays below the smallest common server default (Node's 5 s).
     */
    public static final Duration POOL_IDLE_TIMEOUT = Duration.ofSeconds(4);

    /** Requests a target group holds at once while it waits for a first target (scale to zero). */
    public static final int MAX_HELD_REQUESTS = 1000;

    /** What the control plane gives a service that scales to zero: a JVM task starts and turns healthy in seconds. */
    public static final Duration HOLD_WHEN_EMPTY = Duration.ofSeconds(30);

    /**
     * The longest a request waits for a target with room when the group's targets have {@code maxConnections}: HAProxy
     * uses its {@code timeout connect} when {@code timeout queue} is unset, 5 s in its shipped configuration. A request
     * that would wait longer is better answered 503 with Retry-After at once than left to time out at the client.
     */
    public static final Duration QUEUE_TIMEOUT = Duration.ofSeconds(5);

    /** Requests a group queues at once for a target with room; the next one is answered 503 {@code queue-full}. */
    public static final int MAX_QUEUED = 1000;

    /** Seconds a client is told to wait in Retry-After when the listener is full. */
    public static final int RETRY_AFTER_SECONDS = 1;

    private BalancerDefaults() {}
}
