package gale.control.admin;

/**
 * How much one client may ask of the admin API (docs/api.md, "Security"). The defaults sit far above what the
 * dashboard (one event stream and a click now and then), the CLI and {@code gale load --control} send, and far below
 * what would keep the single event loop from serving them.
 *
 * @param maxBodyBytes largest request body accepted; more is answered 413
 * @param requestsPerSecond sustained requests per client address; more is answered 429 with {@code Retry-After}
 * @param burst requests a client may send at once before the rate applies
 */
public record AdminLimits(int maxBodyBytes, int requestsPerSecond, int burst) {

    public static final AdminLimits DEFAULTS = new AdminLimits(64 * 1024, 100, 200);

    public AdminLimits {
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes: " + maxBodyBytes + " (expected: >= 1)");
        }
        if (requestsPerSecond < 1) {
            throw new IllegalArgumentException("requestsPerSecond: " + requestsPerSecond + " (expected: >= 1)");
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst: " + burst + " (expected: >= 1)");
        }
    }
}
