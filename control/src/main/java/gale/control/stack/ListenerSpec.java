package gale.control.stack;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A listener: where clients connect, and which target group each request goes to. Port 0 binds an ephemeral port. */
public record ListenerSpec(String host, int port, List<RuleSpec> rules, String defaultTargetGroup, LimitsSpec limits) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;

    public ListenerSpec {
        requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0-65535)");
        }
        rules = List.copyOf(rules);
        requireNonNull(defaultTargetGroup, "defaultTargetGroup");
        requireNonNull(limits, "limits");
    }

    public ListenerSpec withPort(int newPort) {
        return new ListenerSpec(host, newPort, rules, defaultTargetGroup, limits);
    }
}
