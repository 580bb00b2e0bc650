package gale.app.capacity;

/**
 * How much one instance of the app serves at once, as a web server in front of an application limits it. Both
 * limits are off by default: the reference app serves whatever arrives.
 *
 * @param maxConnections the most client connections open at once, like nginx's {@code worker_connections}: a
 *     connection beyond it is accepted and closed at once, with no answer; 0 means no limit
 * @param workers the most requests served at once, like Apache's {@code MaxRequestWorkers} or Gunicorn's sync
 *     workers: the others wait in arrival order, so a request's latency grows with the queue in front of it; 0
 *     means no limit
 */
public record Capacity(int maxConnections, int workers) {

    public static final String ENV_MAX_CONNECTIONS = "GALE_APP_MAX_CONNECTIONS";
    public static final String ENV_WORKERS = "GALE_APP_WORKERS";
    public static final int MAX = 1_000_000;
    public static final Capacity UNLIMITED = new Capacity(0, 0);

    public Capacity {
        if (maxConnections < 0 || maxConnections > MAX) {
            throw new IllegalArgumentException(
                    ENV_MAX_CONNECTIONS + ": " + maxConnections + " (expected: 0 for no limit, or 1-" + MAX + ")");
        }
        if (workers < 0 || workers > MAX) {
            throw new IllegalArgumentException(
                    ENV_WORKERS + ": " + workers + " (expected: 0 for no limit, or 1-" + MAX + ")");
        }
    }
}
