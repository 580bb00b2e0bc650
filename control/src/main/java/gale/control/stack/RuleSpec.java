package gale.control.stack;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** A listener rule, like an ALB rule: a path prefix and/or a host name that sends a request to a target group. */
public record RuleSpec(Optional<String> pathPrefix, Optional<String> host, String targetGroup) {

    public RuleSpec {
        requireNonNull(pathPrefix, "pathPrefix");
        requireNonNull(host, "host");
        requireNonNull(targetGroup, "targetGroup");
        if (pathPrefix.isEmpty() && host.isEmpty()) {
            throw new IllegalArgumentException("rule: no condition (expected: pathPrefix or host)");
        }
        pathPrefix.ifPresent(p -> {
            if (!p.startsWith("/")) {
                throw new IllegalArgumentException("pathPrefix: " + p + " (expected: a path starting with /)");
            }
        });
    }
}
