package gale.balancer;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A port the balancer accepts HTTP/1.1 on; rules are tried in order, then {@code defaultTargetGroup}.
 *
 * @param port 0 binds an ephemeral port ({@link Balancer#port(int)} tells which)
 */
public record ListenerConfig(
        String host, int port, List<RuleConfig> rules, String defaultTargetGroup, ListenerLimits limits) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** The port of {@code gale up}'s listener, and of a listener that names none. */
    public static final int DEFAULT_PORT = 8080;

    public ListenerConfig {
        Validate.notBlank(host, "host");
        Validate.range(port, 0, 65535, "port");
        rules = List.copyOf(requireNonNull(rules, "rules"));
        Validate.notBlank(defaultTargetGroup, "defaultTargetGroup");
        requireNonNull(limits, "limits");
    }

    /** A listener on 127.0.0.1 with no rules and default limits. */
    public static ListenerConfig of(int port, String defaultTargetGroup) {
        return new ListenerConfig(DEFAULT_HOST, port, List.of(), defaultTargetGroup, ListenerLimits.DEFAULTS);
    }
}
