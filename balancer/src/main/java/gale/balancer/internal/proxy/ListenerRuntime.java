package gale.balancer.internal.proxy;

import gale.balancer.DesyncMitigationMode;
import gale.balancer.ListenerConfig;
import gale.balancer.ListenerLimits;
import gale.balancer.RuleConfig;
import gale.balancer.internal.fault.TrafficFaults;
import gale.balancer.internal.group.TargetGroupImpl;
import gale.balancer.internal.http1.RequestHead;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A bound listener: its limits, its connection count, and the rules that pick a target group per request. */
public final class ListenerRuntime {
    final ListenerConfig config;
    final ListenerLimits limits;
    final DesyncMitigationMode desyncMode;
    final AtomicInteger connections = new AtomicInteger();
    final TrafficFaults faults;
    final LogBudget accessLogBudget = new LogBudget(AccessLog.LINES_PER_SECOND);
    private final Rule[] rules;
    private final TargetGroupImpl defaultGroup;
    int port;
    /** The bound port in ASCII, as X-Forwarded-Port carries it. */
    byte[] portBytes;

    private record Rule(String pathPrefix, String host, TargetGroupImpl group) {}

    public ListenerRuntime(ListenerConfig config, Map<String, TargetGroupImpl> groups, TrafficFaults faults) {
        this.config = config;
        this.faults = faults;
        this.limits = config.limits();
        this.desyncMode = config.desyncMitigationMode();
        List<RuleConfig> rs = config.rules();
        this.rules = new Rule[rs.size()];
        for (int i = 0; i < rules.length; i++) {
            RuleConfig r = rs.get(i);
            rules[i] = new Rule(r.pathPrefix(), r.host(), groups.get(r.targetGroup()));
        }
        this.defaultGroup = groups.get(config.defaultTargetGroup());
    }

    public void bound(int port) {
        this.port = port;
        this.portBytes = Integer.toString(port).getBytes(StandardCharsets.US_ASCII);
    }

    /** Client connections open now. */
    public int openConnections() {
        return connections.get();
    }

    /** The bound port; 0 until {@link #bound}. */
    public int port() {
        return port;
    }

    TargetGroupImpl route(RequestHead request) {
        if (rules.length == 0) {
            return defaultGroup;
        }
        String uri = request.uri();
        int pathStart = pathStart(uri);
        String host = request.host();
        for (Rule r : rules) {
            if (r.pathPrefix != null && !uri.startsWith(r.pathPrefix, pathStart)) {
                continue;
            }
            if (r.host != null && !hostMatches(host, r.host)) {
                continue;
            }
            return r.group;
        }
        return defaultGroup;
    }

    /** Origin form starts with '/'; absolute form ({@code http://h/p}) has its path after the authority. */
    private static int pathStart(String uri) {
        if (uri.startsWith("/")) {
            return 0;
        }
        int scheme = uri.indexOf("://");
        if (scheme < 0) {
            return 0;
        }
        int slash = uri.indexOf('/', scheme + 3);
        return slash < 0 ? uri.length() : slash;
    }

    private static boolean hostMatches(String header, String expected) {
        if (header == null) {
            return false;
        }
        int colon = header.lastIndexOf(':');
        int end = colon > 0 && header.indexOf(']') < colon ? colon : header.length();
        return end == expected.length() && header.regionMatches(true, 0, expected, 0, end);
    }
}
