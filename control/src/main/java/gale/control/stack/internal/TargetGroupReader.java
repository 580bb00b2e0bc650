package gale.control.stack.internal;

import gale.balancer.Algorithm;
import gale.balancer.BalancerDefaults;
import gale.balancer.ConnectionLimit;
import gale.balancer.HealthCheckConfig;
import gale.balancer.TargetGroupConfig;
import gale.control.stack.StackFileException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One entry of {@code targetGroups:} onto the balancer's {@link TargetGroupConfig}, with the balancer's defaults. */
final class TargetGroupReader {

    private static final int MAX_PORT = 65535;

    private TargetGroupReader() {}

    static TargetGroupConfig read(String name, Section s) {
        Algorithm algorithm = s.choice("algorithm", Algorithm.ROUND_ROBIN, algorithms());
        HealthCheckConfig health = healthCheck(s.section("healthCheck"));
        Duration delay = s.duration("deregistrationDelay", BalancerDefaults.DEREGISTRATION_DELAY);
        Duration slowStart = s.duration("slowStart", BalancerDefaults.SLOW_START);
        List<String> addresses = s.strings("targets");
        List<InetSocketAddress> targets = new ArrayList<>();
        for (int i = 0; i < addresses.size(); i++) {
            targets.add(hostPort(s, "targets", i, addresses.get(i)));
        }
        ConnectionLimit d = ConnectionLimit.UNLIMITED;
        int maxConnections = s.integer("maxConnections", d.maxConnections());
        Duration queueTimeout = s.duration("queueTimeout", d.queueTimeout());
        int maxQueued = s.integer("maxQueued", d.maxQueued());
        s.finish();
        return s.build(() -> new TargetGroupConfig(name, algorithm, health, delay, slowStart, targets)
                .withConnectionLimit(new ConnectionLimit(maxConnections, queueTimeout, maxQueued)));
    }

    /** {@code round_robin}, {@code least_outstanding_requests}: the balancer's names, as ALB's API writes them. */
    private static Map<String, Algorithm> algorithms() {
        Map<String, Algorithm> map = new LinkedHashMap<>();
        for (Algorithm a : Algorithm.values()) {
            map.put(a.name().toLowerCase(Locale.ROOT), a);
        }
        return map;
    }

    private static HealthCheckConfig healthCheck(Section s) {
        HealthCheckConfig d = HealthCheckConfig.DEFAULTS;
        String path = s.string("path", d.path());
        Duration interval = s.duration("interval", d.interval());
        Duration timeout = s.duration("timeout", HealthCheckConfig.defaultTimeout(interval));
        int healthy = s.integer("healthyThreshold", d.healthyThreshold());
        int unhealthy = s.integer("unhealthyThreshold", d.unhealthyThreshold());
        String codes = s.string("successCodes", d.successCodes());
        s.finish();
        return s.build(() -> new HealthCheckConfig(path, interval, timeout, healthy, unhealthy, codes));
    }

    private static InetSocketAddress hostPort(Section s, String key, int index, String text) {
        int colon = text.lastIndexOf(':');
        if (colon > 0) {
            try {
                int port = Integer.parseInt(text.substring(colon + 1));
                if (port >= 1 && port <= MAX_PORT) {
                    return new InetSocketAddress(text.substring(0, colon), port);
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
        }
        StackFileException e = s.error(key, "");
        throw new StackFileException(
                e.file(), e.line(), e.column(), e.field() + "[" + index + "]", '"' + text + "\" (expected: host:port)");
    }
}
