package gale.control.stack.internal;

import gale.balancer.DesyncMitigationMode;
import gale.balancer.ListenerConfig;
import gale.balancer.ListenerLimits;
import gale.balancer.RuleConfig;
import gale.control.stack.StackFileException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code listeners:} list onto the balancer's {@link ListenerConfig}s, whose defaults and limits are its own. */
final class ListenerReader {

    private ListenerReader() {}

    static List<ListenerConfig> read(Section root, TargetGroupNames groups) {
        List<ListenerConfig> listeners = root.list("listeners", s -> listener(s, groups));
        checkPortsDiffer(root);
        return listeners;
    }

    private static ListenerConfig listener(Section s, TargetGroupNames groups) {
        String host = s.string("host", ListenerConfig.DEFAULT_HOST);
        int port = s.integer("port", ListenerConfig.DEFAULT_PORT);
        List<RuleConfig> rules = s.list("rules", r -> rule(r, groups));
        String defaultGroup;
        if (s.has("defaultTargetGroup")) {
            defaultGroup = groups.read(s, "defaultTargetGroup");
        } else if (groups.names().size() == 1) {
            defaultGroup = groups.names().iterator().next();
        } else {
            throw s.error("defaultTargetGroup", "missing (expected: one of " + groups.names() + ")");
        }
        ListenerLimits limits = limits(s.section("limits"));
        DesyncMitigationMode desync =
                s.choice("desyncMitigationMode", ListenerConfig.DEFAULT_DESYNC_MITIGATION_MODE, desyncModes());
        s.finish();
        return s.build(() -> new ListenerConfig(host, port, rules, defaultGroup, limits, desync));
    }

    /** ALB's {@code routing.http.desync_mitigation_mode} values: {@code monitor}, {@code defensive}, ... */
    private static Map<String, DesyncMitigationMode> desyncModes() {
        Map<String, DesyncMitigationMode> modes = new LinkedHashMap<>();
        for (DesyncMitigationMode m : DesyncMitigationMode.values()) {
            modes.put(m.label(), m);
        }
        return modes;
    }

    private static ListenerLimits limits(Section l) {
        ListenerLimits d = ListenerLimits.DEFAULTS;
        int maxConnections = l.integer("maxConnections", d.maxConnections());
        int maxHeaderBytes = (int) Math.min(Integer.MAX_VALUE, l.size("maxHeaderBytes", d.maxHeaderBytes(), 1));
        long maxBodyBytes = l.size("maxBodyBytes", d.maxBodyBytes(), 1);
        java.time.Duration idle = l.duration("idleTimeout", d.clientIdleTimeout());
        java.time.Duration header = l.duration("requestHeaderTimeout", d.requestHeaderTimeout());
        java.time.Duration body = l.duration("bodyReadTimeout", d.bodyReadTimeout());
        java.time.Duration request = l.duration("requestTimeout", d.requestTimeout());
        l.finish();
        return l.build(() -> {
            try {
                return new ListenerLimits(maxConnections, maxHeaderBytes, maxBodyBytes, idle, header, body, request);
            } catch (IllegalArgumentException e) {
                // The balancer calls it clientIdleTimeout; the stack file, like ALB, idleTimeout.
                throw new IllegalArgumentException(e.getMessage().replaceFirst("^clientIdleTimeout:", "idleTimeout:"));
            }
        });
    }

    private static RuleConfig rule(Section s, TargetGroupNames groups) {
        String pathPrefix = s.string("pathPrefix", null);
        String host = s.string("host", null);
        if (!s.has("targetGroup")) {
            throw s.error("targetGroup", "missing (expected: one of " + groups.names() + ")");
        }
        String group = groups.read(s, "targetGroup");
        s.finish();
        if (pathPrefix == null && host == null) {
            throw s.error("no condition (expected: pathPrefix or host, or both)");
        }
        return s.build(() -> new RuleConfig(pathPrefix, host, group));
    }

    private static void checkPortsDiffer(Section root) {
        if (!(root.node("listeners").orElse(null) instanceof YamlNode.ListNode list)) {
            return;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < list.items().size(); i++) {
            if (list.items().get(i) instanceof YamlNode.MapNode listener
                    && listener.entries().get("port") != null
                    && listener.entries().get("port").value() instanceof YamlNode.ScalarNode port
                    && !"0".equals(port.text())) {
                Integer first = seen.putIfAbsent(port.text(), i);
                if (first != null) {
                    throw new StackFileException(
                            root.error("listeners", "").file(),
                            port.mark().line(),
                            port.mark().column(),
                            "listeners[" + i + "].port",
                            port.text() + " (expected: a port no other listener uses; listeners[" + first
                                    + "] has it)");
                }
            }
        }
    }
}
