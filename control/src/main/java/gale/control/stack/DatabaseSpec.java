package gale.control.stack;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** The database the tasks share: embedded H2 (started by Gale) unless a JDBC {@code url} names another one. */
public record DatabaseSpec(Optional<String> url, Optional<String> user, Optional<String> password) {

    public static final DatabaseSpec EMBEDDED = new DatabaseSpec(Optional.empty(), Optional.empty(), Optional.empty());

    public DatabaseSpec {
        requireNonNull(url, "url");
        requireNonNull(user, "user");
        requireNonNull(password, "password");
        url.ifPresent(u -> {
            if (!u.startsWith("jdbc:")) {
                throw new IllegalArgumentException("url: " + u + " (expected: a JDBC URL starting with jdbc:)");
            }
        });
    }

    public boolean embedded() {
        return url.isEmpty();
    }
}
