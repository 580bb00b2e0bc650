package gale.balancer;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A port the balancer accepts HTTP/1.1 on; rules are tried in order, then {@code defaultTargetGroup}.
 *
 * @param port 0 binds an ephemeral port ({@link Balancer#port(int)} tells which)
 */
public record ListenerConfig(
        String host,
        int port,
        List<RuleConfig> rules,
        String defaultTargetGroup,
        ListenerLimits limits,
        DesyncMitigationMode desyncMitigationMode) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** The port of {@code gale up}'s listener, and of a listener that names none. */
    public static final int DEFAULT_PORT = 8080;
    /** ALB's default: Ambiguous requests are forwarded, then both connections closed; Severe ones refused. */
    public static final DesyncMitigationMode DEFAULT_DESYNC_MITIGATION_MODE = DesyncMitigationMode.DEFENSIVE;

    public ListenerConfig {
        Validate.notBlank(host, "host");
        Validate.range(port, 0, 65535, "port");
        rules = List.copyOf(requireNonNull(rules, "rules"));
        Validate.notBlank(defaultTargetGroup, "defaultTargetGroup");
        requireNonNull(limits, "limits");
        requireNonNull(desyncMitigationMode, "desyncMitigationMode");
    }

    /** A listener with the default desync mitigation mode. */
    public ListenerConfig(
            String host, int port, List<RuleConfig> rules, String defaultTargetGroup, ListenerLimits limits) {
        this(host, port, rules, defaultTargetGroup, limits, DEFAULT_DESYNC_MITIGATION_MODE);
    }

    /** This listener on {@code port}, the rest unchanged. */
    public ListenerConfig withPort(int port) {
        return new ListenerConfig(host, port, rules, defaultTargetGroup, limits, desyncMitigationMode);
    }

    /** A listener on 127.0.0.1 with no rules and default limits. */
    public static ListenerConfig of(int port, String defaultTargetGroup) {
        return new ListenerConfig(DEFAULT_HOST, port, List.of(), defaultTargetGroup, ListenerLimits.DEFAULTS);
    }
}
