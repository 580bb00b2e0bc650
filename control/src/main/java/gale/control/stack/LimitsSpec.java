package gale.control.stack;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * A listener's limits. Beyond {@code maxConnections} a client gets 503 with Retry-After, never a silent drop; larger
 * headers get 431, larger bodies 413; a request that takes longer than {@code requestTimeout} gets 504.
 */
public record LimitsSpec(
        int maxConnections, int maxHeaderBytes, long maxBodyBytes, Duration idleTimeout, Duration requestTimeout) {

    public static final LimitsSpec DEFAULTS =
            new LimitsSpec(10_000, 16 * 1024, 10L * 1024 * 1024, Duration.ofSeconds(60), Duration.ofSeconds(60));

    public LimitsSpec {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections: " + maxConnections + " (expected: >= 1)");
        }
        if (maxHeaderBytes < 1024) {
            throw new IllegalArgumentException("maxHeaderBytes: " + maxHeaderBytes + " (expected: >= 1024)");
        }
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxBodyBytes: " + maxBodyBytes + " (expected: >= 0)");
        }
        requireNonNull(idleTimeout, "idleTimeout");
        requireNonNull(requestTimeout, "requestTimeout");
    }
}
