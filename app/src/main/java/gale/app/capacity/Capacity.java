package gale.app.capacity;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How much one instance of the app serves at once, as a web server in front of an application limits it. Both
 * limits are off by default: the reference app serves whatever arrives.
 *
 * @param maxConnections the most client connections open at once, like nginx's {@code worker_connections}: a
 *     connection beyond it is accepted and closed at once, with no answer; 0 means no limit
 * @param workers the most requests served at once, like Apache's {@code MaxRequestWorkers} or Gunicorn's sync
 *     workers: the others wait in arrival order, so a request's latency grows with the queue in front of it; 0
 *     means no limit
 * @param serviceTime with {@code workers}: how long each request holds its worker before its route runs, the time a
 *     server spends on a page whatever the page; a request whose client left while it waited still costs it, as
 *     the server can't know; {@link Duration#ZERO} by default
 */
public record Capacity(int maxConnections, int workers, Duration serviceTime) {

    public static final String ENV_MAX_CONNECTIONS = "GALE_APP_MAX_CONNECTIONS";
    public static final String ENV_WORKERS = "GALE_APP_WORKERS";
    public static final String ENV_SERVICE_TIME_MS = "GALE_APP_SERVICE_TIME_MS";
    public static final int MAX = 1_000_000;
    public static final Duration MAX_SERVICE_TIME = Duration.ofSeconds(30);
    public static final Capacity UNLIMITED = new Capacity(0, 0, Duration.ZERO);

    public Capacity {
        if (maxConnections < 0 || maxConnections > MAX) {
            throw new IllegalArgumentException(
                    ENV_MAX_CONNECTIONS + ": " + maxConnections + " (expected: 0 for no limit, or 1-" + MAX + ")");
        }
        if (workers < 0 || workers > MAX) {
            throw new IllegalArgumentException(
                    ENV_WORKERS + ": " + workers + " (expected: 0 for no limit, or 1-" + MAX + ")");
        }
        requireNonNull(serviceTime, "serviceTime");
        if (serviceTime.isNegative() || serviceTime.compareTo(MAX_SERVICE_TIME) > 0) {
            throw new IllegalArgumentException(ENV_SERVICE_TIME_MS + ": " + serviceTime.toMillis() + " (expected: 0-"
                    + MAX_SERVICE_TIME.toMillis() + ")");
        }
        if (!serviceTime.isZero() && workers == 0) {
            throw new IllegalArgumentException(ENV_SERVICE_TIME_MS + ": " + serviceTime.toMillis() + " (expected: with "
                    + ENV_WORKERS + ", the workers it holds)");
        }
    }
}
