package gale.control.stack;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** The tasks' cache: in-process (Caffeine) unless a {@code redis://} URL names a Redis server. */
public record CacheSpec(Optional<String> url) {

    public static final CacheSpec IN_PROCESS = new CacheSpec(Optional.empty());

    public CacheSpec {
        requireNonNull(url, "url");
        url.ifPresent(u -> {
            if (!u.startsWith("redis://") && !u.startsWith("rediss://")) {
                throw new IllegalArgumentException("url: " + u + " (expected: redis://host:port)");
            }
        });
    }
}
