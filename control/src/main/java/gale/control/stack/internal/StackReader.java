package gale.control.stack.internal;

import gale.control.stack.AlarmSpec;
import gale.control.stack.AutoscalingSpec;
import gale.control.stack.BalancerSpec;
import gale.control.stack.CacheSpec;
import gale.control.stack.DatabaseSpec;
import gale.control.stack.HealthCheckSpec;
import gale.control.stack.LimitsSpec;
import gale.control.stack.ListenerSpec;
import gale.control.stack.NotifierSpec;
import gale.control.stack.RuleSpec;
import gale.control.stack.ServiceSpec;
import gale.control.stack.StackConfig;
import gale.control.stack.StackFileException;
import gale.control.stack.TargetGroupSpec;
import gale.control.stack.TargetGroupSpec.HostPort;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Maps the stack file's tree onto {@link StackConfig}, key by key, with each default in one place. Names are checked
 * against each other here (a listener's target group exists, ...), where the error can still name the line.
 */
public final class StackReader {

    private static final int MAX_PORT = 65535;
    private static final java.util.regex.Pattern SERVICE_NAME =
            java.util.regex.Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}", java.util.regex.Pattern.CASE_INSENSITIVE);

    private final Map<String, TargetGroupSpec> targetGroups;

    private StackReader(Map<String, TargetGroupSpec> targetGroups) {
        this.targetGroups = targetGroups;
    }

    public static StackConfig read(String file, YamlNode rootNode) {
        Section root = Section.root(file, rootNode);
        Map<String, TargetGroupSpec> groups = root.named("targetGroups", (name, s) -> targetGroup(s));
        StackReader reader = new StackReader(groups);
        List<ListenerSpec> listeners = root.list("listeners", reader::listener);
        checkPortsDiffer(root);
        Map<String, ServiceSpec> services = root.named("services", (name, s) -> reader.service(checkName(name, s), s));
        Map<String, NotifierSpec> notifiers = root.named("notifiers", (name, s) -> notifier(s));
        Map<String, AlarmSpec> alarms = root.named("alarms", (name, s) -> reader.alarm(s, notifiers, services));
        Section db = root.section("database");
        DatabaseSpec database = build(
                db,
                () -> new DatabaseSpec(
                        Optional.ofNullable(db.string("url", null)),
                        Optional.ofNullable(db.string("user", null)),
                        Optional.ofNullable(db.string("password", null))));
        db.finish();
        Section cacheSection = root.section("cache");
        CacheSpec cache =
                build(cacheSection, () -> new CacheSpec(Optional.ofNullable(cacheSection.string("url", null))));
        cacheSection.finish();
        Section balancerSection = root.section("balancer");
        BalancerSpec balancer = build(
                balancerSection,
                () -> new BalancerSpec(
                        balancerSection.integer("ioThreads", 0, 0, 256),
                        balancerSection.duration("warmup", BalancerSpec.DEFAULT_WARMUP)));
        balancerSection.finish();
        root.finish();
        return new StackConfig(listeners, groups, services, alarms, notifiers, database, cache, balancer);
    }

    private ListenerSpec listener(Section s) {
        String host = s.string("host", ListenerSpec.DEFAULT_HOST);
        int port = s.integer("port", ListenerSpec.DEFAULT_PORT, 0, MAX_PORT);
        List<RuleSpec> rules = s.list("rules", this::rule);
        String defaultGroup;
        if (s.has("defaultTargetGroup")) {
            defaultGroup = targetGroupName(s, "defaultTargetGroup");
        } else if (targetGroups.size() == 1) {
            defaultGroup = targetGroups.keySet().iterator().next();
        } else {
            throw s.error("defaultTargetGroup", "missing (expected: one of " + targetGroups.keySet() + ")");
        }
        Section l = s.section("limits");
        LimitsSpec d = LimitsSpec.DEFAULTS;
        LimitsSpec limits = build(
                l,
                () -> new LimitsSpec(
                        l.integer("maxConnections", d.maxConnections(), 1, Integer.MAX_VALUE),
                        maxHeaderBytes(l, d.maxHeaderBytes()),
                        l.size("maxBodyBytes", d.maxBodyBytes(), 1),
                        l.duration("idleTimeout", d.idleTimeout()),
                        l.duration("requestTimeout", d.requestTimeout())));
        l.finish();
        s.finish();
        return build(s, () -> new ListenerSpec(host, port, rules, defaultGroup, limits));
    }

    private static int maxHeaderBytes(Section l, int fallback) {
        long bytes = l.size("maxHeaderBytes", fallback, 1);
        if (bytes < 1024 || bytes > 1024 * 1024) {
            throw l.error("maxHeaderBytes", bytes + " bytes (expected: 1KiB-1MiB)");
        }
        return (int) bytes;
    }

    private RuleSpec rule(Section s) {
        Optional<String> pathPrefix = Optional.ofNullable(s.string("pathPrefix", null));
        Optional<String> host = Optional.ofNullable(s.string("host", null));
        if (!s.has("targetGroup")) {
            throw s.error("targetGroup", "missing (expected: one of " + targetGroups.keySet() + ")");
        }
        String group = targetGroupName(s, "targetGroup");
        s.finish();
        return build(s, () -> new RuleSpec(pathPrefix, host, group));
    }

    private static TargetGroupSpec targetGroup(Section s) {
        TargetGroupSpec.Algorithm algorithm = s.choice(
                "algorithm",
                TargetGroupSpec.Algorithm.ROUND_ROBIN,
                Map.of(
                        "round_robin", TargetGroupSpec.Algorithm.ROUND_ROBIN,
                        "least_outstanding_requests", TargetGroupSpec.Algorithm.LEAST_OUTSTANDING_REQUESTS));
        HealthCheckSpec health = healthCheck(s.section("healthCheck"));
        Duration delay = s.duration("deregistrationDelay", TargetGroupSpec.DEFAULT_DEREGISTRATION_DELAY);
        Duration slowStart = s.duration("slowStart", Duration.ZERO);
        List<String> addresses = s.strings("targets");
        List<HostPort> targets = new java.util.ArrayList<>();
        for (int i = 0; i < addresses.size(); i++) {
            targets.add(hostPort(s, "targets", i, addresses.get(i)));
        }
        s.finish();
        return build(s, () -> new TargetGroupSpec(algorithm, health, delay, slowStart, targets));
    }

    private static HealthCheckSpec healthCheck(Section s) {
        HealthCheckSpec d = HealthCheckSpec.DEFAULTS;
        String path = s.string("path", d.path());
        if (!path.startsWith("/")) {
            throw s.error("path", '"' + path + "\" (expected: a path starting with /)");
        }
        Duration interval = s.duration("interval", d.interval());
        Duration timeout = s.duration("timeout", min(d.timeout(), interval));
        if (timeout.compareTo(interval) > 0) {
            throw s.error(
                    "timeout",
                    timeout.toMillis() + "ms (expected: at most the interval, " + interval.toMillis() + "ms)");
        }
        int healthy = s.integer("healthyThreshold", d.healthyThreshold(), 1, 10);
        int unhealthy = s.integer("unhealthyThreshold", d.unhealthyThreshold(), 1, 10);
        String codes = s.string("successCodes", d.successCodes());
        if (!codes.matches("\\d{3}(-\\d{3})?(,\\s*\\d{3}(-\\d{3})?)*")) {
            throw s.error("successCodes", '"' + codes + "\" (expected: codes like 200, 200,204 or 200-399)");
        }
        s.finish();
        return build(s, () -> new HealthCheckSpec(path, interval, timeout, healthy, unhealthy, codes));
    }

    /** Task ids start with the service's name ({@code web-1a2b3c}), so it must suit one. */
    private static String checkName(String name, Section s) {
        if (!SERVICE_NAME.matcher(name).matches()) {
            throw s.error('"' + name + "\" (expected: letters, digits, '-' or '_', at most 63, starting with a letter"
                    + " or digit)");
        }
        return name;
    }

    private ServiceSpec service(String name, Section s) {
        List<String> command = s.node("command")
                .map(n -> n instanceof YamlNode.ScalarNode scalar && scalar.text() != null
                        ? List.of(scalar.text().trim().split("\\s+"))
                        : s.strings("command"))
                .orElse(List.of());
        Map<String, String> env = s.stringMap("env");
        Optional<String> workingDirectory = Optional.ofNullable(s.string("workingDirectory", null));
        java.util.OptionalDouble cpu = s.has("cpu")
                ? java.util.OptionalDouble.of(s.number("cpu", 1, 0.01, 1024))
                : java.util.OptionalDouble.empty();
        // Like ECS, a bare number is MiB.
        java.util.OptionalLong memory = s.has("memory")
                ? java.util.OptionalLong.of(s.size("memory", 0, 1L << 20))
                : java.util.OptionalLong.empty();
        int desired = s.integer("desiredCount", ServiceSpec.DEFAULT_DESIRED_COUNT, 0, 1000);
        Optional<String> group =
                s.has("targetGroup") ? Optional.of(targetGroupName(s, "targetGroup")) : Optional.empty();
        Duration stopTimeout = s.duration("stopTimeout", ServiceSpec.DEFAULT_STOP_TIMEOUT);
        Duration grace = s.duration("healthCheckGracePeriod", ServiceSpec.DEFAULT_HEALTH_CHECK_GRACE_PERIOD);
        Section dep = s.section("deployment");
        ServiceSpec.DeploymentSpec deployment = build(
                dep,
                () -> new ServiceSpec.DeploymentSpec(
                        dep.integer("minimumHealthyPercent", 100, 0, 100),
                        dep.integer("maximumPercent", 200, 100, 1000)));
        dep.finish();
        Optional<AutoscalingSpec> autoscaling =
                s.has("autoscaling") ? Optional.of(autoscaling(s.section("autoscaling"))) : Optional.empty();
        autoscaling.ifPresent(a -> {
            if (desired < a.minCount() || desired > a.maxCount()) {
                throw s.error(
                        "desiredCount",
                        desired + " (expected: within autoscaling's " + a.minCount() + "-" + a.maxCount() + ")");
            }
        });
        s.finish();
        return build(
                s,
                () -> new ServiceSpec(
                        command,
                        env,
                        workingDirectory,
                        cpu,
                        memory,
                        desired,
                        group,
                        stopTimeout,
                        grace,
                        deployment,
                        autoscaling));
    }

    private static AutoscalingSpec autoscaling(Section s) {
        int min = s.integer("minCount", 1, 0, 1000);
        int max = s.integer("maxCount", Math.max(1, min), 1, 1000);
        if (max < min) {
            throw s.error("maxCount", max + " (expected: >= minCount, " + min + ")");
        }
        Optional<AutoscalingSpec.TargetTracking> tracking = Optional.empty();
        if (s.has("targetTracking")) {
            Section t = s.section("targetTracking");
            AutoscalingSpec.Metric metric = t.choice(
                    "metric",
                    AutoscalingSpec.Metric.CPU,
                    Map.of(
                            "cpu", AutoscalingSpec.Metric.CPU,
                            "requestsPerTarget", AutoscalingSpec.Metric.REQUESTS_PER_TARGET,
                            "latencyP95", AutoscalingSpec.Metric.LATENCY_P95));
            if (!t.has("target")) {
                throw t.error("target", "missing (expected: the value to keep the metric near, like 50)");
            }
            double target = t.number("target", 0, 0.001, Double.MAX_VALUE);
            t.finish();
            tracking = Optional.of(new AutoscalingSpec.TargetTracking(metric, target));
        }
        Duration out = s.duration("scaleOutCooldown", AutoscalingSpec.DEFAULT_SCALE_OUT_COOLDOWN);
        Duration in = s.duration("scaleInCooldown", AutoscalingSpec.DEFAULT_SCALE_IN_COOLDOWN);
        Duration stabilization = s.duration("scaleInStabilization", AutoscalingSpec.DEFAULT_SCALE_IN_STABILIZATION);
        s.finish();
        Optional<AutoscalingSpec.TargetTracking> chosen = tracking;
        return build(s, () -> new AutoscalingSpec(min, max, chosen, out, in, stabilization));
    }

    private AlarmSpec alarm(Section s, Map<String, NotifierSpec> notifiers, Map<String, ServiceSpec> services) {
        if (!s.has("metric")) {
            throw s.error("metric", "missing (expected: a metric name like http_5xx_count)");
        }
        String metric = s.string("metric", null);
        Optional<String> group =
                s.has("targetGroup") ? Optional.of(targetGroupName(s, "targetGroup")) : Optional.empty();
        Optional<String> service = Optional.ofNullable(s.string("service", null));
        service.ifPresent(name -> {
            if (!services.containsKey(name)) {
                throw s.error("service", '"' + name + "\" (expected: one of " + services.keySet() + ")");
            }
        });
        AlarmSpec.Statistic statistic = s.choice(
                "statistic",
                AlarmSpec.Statistic.AVERAGE,
                Map.of(
                        "sum", AlarmSpec.Statistic.SUM,
                        "average", AlarmSpec.Statistic.AVERAGE,
                        "minimum", AlarmSpec.Statistic.MINIMUM,
                        "maximum", AlarmSpec.Statistic.MAXIMUM,
                        "sampleCount", AlarmSpec.Statistic.SAMPLE_COUNT,
                        "p95", AlarmSpec.Statistic.P95,
                        "p99", AlarmSpec.Statistic.P99));
        Duration period = s.duration("period", Duration.ofSeconds(60));
        int evaluationPeriods = s.integer("evaluationPeriods", 1, 1, 1000);
        int datapoints = s.integer("datapointsToAlarm", evaluationPeriods, 1, evaluationPeriods);
        if (!s.has("threshold")) {
            throw s.error("threshold", "missing (expected: a number)");
        }
        double threshold = s.number("threshold", 0, -Double.MAX_VALUE, Double.MAX_VALUE);
        AlarmSpec.Comparison comparison = s.choice("comparison", AlarmSpec.Comparison.GREATER, comparisons());
        AlarmSpec.MissingData missing = s.choice(
                "treatMissingData",
                AlarmSpec.MissingData.MISSING,
                Map.of(
                        "missing", AlarmSpec.MissingData.MISSING,
                        "notBreaching", AlarmSpec.MissingData.NOT_BREACHING,
                        "breaching", AlarmSpec.MissingData.BREACHING,
                        "ignore", AlarmSpec.MissingData.IGNORE));
        List<String> notify = s.strings("notify");
        for (String name : notify) {
            if (!notifiers.containsKey(name)) {
                throw s.error("notify", '"' + name + "\" (expected: one of the notifiers " + notifiers.keySet() + ")");
            }
        }
        s.finish();
        return build(
                s,
                () -> new AlarmSpec(
                        metric,
                        group,
                        service,
                        statistic,
                        period,
                        evaluationPeriods,
                        datapoints,
                        threshold,
                        comparison,
                        missing,
                        notify));
    }

    private static Map<String, AlarmSpec.Comparison> comparisons() {
        Map<String, AlarmSpec.Comparison> map = new java.util.LinkedHashMap<>();
        map.put(">", AlarmSpec.Comparison.GREATER);
        map.put(">=", AlarmSpec.Comparison.GREATER_OR_EQUAL);
        map.put("<", AlarmSpec.Comparison.LESS);
        map.put("<=", AlarmSpec.Comparison.LESS_OR_EQUAL);
        map.put("GreaterThanThreshold", AlarmSpec.Comparison.GREATER);
        map.put("GreaterThanOrEqualToThreshold", AlarmSpec.Comparison.GREATER_OR_EQUAL);
        map.put("LessThanThreshold", AlarmSpec.Comparison.LESS);
        map.put("LessThanOrEqualToThreshold", AlarmSpec.Comparison.LESS_OR_EQUAL);
        return map;
    }

    private static NotifierSpec notifier(Section s) {
        Map<String, NotifierSpec.Kind> kinds = Map.of(
                "discord", NotifierSpec.Kind.DISCORD,
                "slack", NotifierSpec.Kind.SLACK,
                "webhook", NotifierSpec.Kind.WEBHOOK);
        NotifierSpec found = null;
        for (String key : List.of("discord", "slack", "webhook")) {
            if (s.has(key)) {
                found = one(s, key, found, new NotifierSpec(kinds.get(key), url(s, key)));
            }
        }
        if (s.has("log")) {
            if (!s.bool("log", true)) {
                throw s.error("log", "false (expected: true, or no log key)");
            }
            found = one(s, "log", found, new NotifierSpec(NotifierSpec.Kind.LOG, null));
        }
        s.finish();
        if (found == null) {
            throw s.error("no destination (expected: one of discord, slack, webhook, log)");
        }
        return found;
    }

    private static NotifierSpec one(Section s, String key, NotifierSpec before, NotifierSpec now) {
        if (before != null) {
            throw s.error(key, "a second destination (expected: one of discord, slack, webhook, log per notifier)");
        }
        return now;
    }

    private static java.net.URI url(Section s, String key) {
        String text = s.string(key, "");
        try {
            java.net.URI uri = new java.net.URI(text);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (java.net.URISyntaxException ignored) {
            // reported below
        }
        throw s.error(key, '"' + text + "\" (expected: an http:// or https:// URL)");
    }

    private String targetGroupName(Section s, String key) {
        String name = s.string(key, "");
        if (!targetGroups.containsKey(name)) {
            String expected = targetGroups.isEmpty()
                    ? "a name under targetGroups; none is defined"
                    : "one of the target groups " + targetGroups.keySet();
            throw s.error(key, '"' + name + "\" (expected: " + expected + ")");
        }
        return name;
    }

    private static HostPort hostPort(Section s, String key, int index, String text) {
        int colon = text.lastIndexOf(':');
        if (colon > 0) {
            try {
                int port = Integer.parseInt(text.substring(colon + 1));
                if (port >= 1 && port <= MAX_PORT) {
                    return new HostPort(text.substring(0, colon), port);
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
        }
        StackFileException e = s.error(key, "");
        throw new StackFileException(
                e.file(), e.line(), e.column(), e.field() + "[" + index + "]", '"' + text + "\" (expected: host:port)");
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

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Builds a record, placing any check its constructor makes at the section it came from. */
    private static <T> T build(Section s, Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (StackFileException e) {
            throw e;
        } catch (IllegalArgumentException | NullPointerException e) {
            throw s.error(e.getMessage());
        }
    }
}
