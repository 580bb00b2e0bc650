package gale.control.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gale.app.cache.CacheConfig;
import gale.app.data.DataConfig;
import gale.autoscaler.AutoscalingConfig;
import gale.autoscaler.ScalingMetric;
import gale.balancer.Algorithm;
import gale.balancer.HealthCheckConfig;
import gale.balancer.ListenerConfig;
import gale.balancer.TargetGroupConfig;
import gale.monitor.alarm.AlarmConfig;
import gale.monitor.alarm.Comparison;
import gale.monitor.alarm.Statistic;
import gale.monitor.alarm.TreatMissingData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The default column of docs/stack-file.md and the {@code default}s of docs/stack-file.schema.json are the code's
 * defaults: read by parsing a stack file that writes no optional key, so each value comes from its module's config
 * (the stack-file layer has none of its own). A default added to either document without a key here fails too.
 */
class StackFileDefaultsTest {

    private static final Path DOC = Path.of("..", "docs", "stack-file.md");
    private static final Path SCHEMA = Path.of("..", "docs", "stack-file.schema.json");

    /** Every optional key once, none of them written. */
    private static final String BARE = """
            listeners: [ {} ]
            targetGroups: { g: {} }
            services: { s: { autoscaling: { targetTracking: { target: 1 } } } }
            alarms: { a: { metric: http_request_count, targetGroup: g, threshold: 0 } }
            """;

    /** The default of each key, as the parsed stack has it, by its path in the file. */
    private static Map<String, String> codeDefaults() {
        StackConfig stack = StackFile.parse("bare.yaml", BARE);
        ListenerConfig listener = stack.listeners().getFirst();
        TargetGroupConfig group = stack.targetGroups().get("g");
        HealthCheckConfig health = group.healthCheck();
        ServiceSpec service = stack.services().get("s");
        AutoscalingConfig scaling = service.autoscaling().orElseThrow();
        AlarmConfig alarm = stack.alarms().get("a");
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("listeners.host", listener.host());
        d.put("listeners.port", listener.port());
        d.put("listeners.rules", listener.rules());
        d.put("listeners.desyncMitigationMode", listener.desyncMitigationMode().label());
        d.put("listeners.limits.maxConnections", listener.limits().maxConnections());
        d.put("listeners.limits.maxHeaderBytes", size(listener.limits().maxHeaderBytes()));
        d.put("listeners.limits.maxBodyBytes", size(listener.limits().maxBodyBytes()));
        d.put("listeners.limits.idleTimeout", listener.limits().clientIdleTimeout());
        d.put("listeners.limits.requestHeaderTimeout", listener.limits().requestHeaderTimeout());
        d.put("listeners.limits.bodyReadTimeout", listener.limits().bodyReadTimeout());
        d.put("listeners.limits.requestTimeout", listener.limits().requestTimeout());
        d.put("targetGroups.algorithm", group.algorithm());
        d.put("targetGroups.healthCheck.path", health.path());
        d.put("targetGroups.healthCheck.interval", health.interval());
        d.put("targetGroups.healthCheck.timeout", health.timeout());
        d.put("targetGroups.healthCheck.healthyThreshold", health.healthyThreshold());
        d.put("targetGroups.healthCheck.unhealthyThreshold", health.unhealthyThreshold());
        d.put("targetGroups.healthCheck.successCodes", health.successCodes());
        d.put("targetGroups.deregistrationDelay", group.deregistrationDelay());
        d.put("targetGroups.slowStart", group.slowStart());
        d.put("targetGroups.targets", group.staticTargets());
        d.put("targetGroups.maxConnections", group.connectionLimit().maxConnections());
        d.put("targetGroups.queueTimeout", group.connectionLimit().queueTimeout());
        d.put("targetGroups.maxQueued", group.connectionLimit().maxQueued());
        d.put("services.env", service.env().isEmpty() ? "{}" : service.env());
        d.put("services.desiredCount", service.desiredCount());
        d.put("services.stopTimeout", service.stopTimeout());
        d.put("services.healthCheckGracePeriod", service.healthCheckGracePeriod());
        d.put("services.deployment.minimumHealthyPercent", service.deployment().minimumHealthyPercent());
        d.put("services.deployment.maximumPercent", service.deployment().maximumPercent());
        var deployment = service.deployment().config();
        d.put("services.deployment.strategy", deployment.strategy().label());
        d.put("services.deployment.stepPercent", deployment.stepPercent());
        d.put("services.deployment.stepBakeTime", deployment.stepBakeTime());
        d.put("services.deployment.bakeTime", deployment.bakeTime());
        d.put(
                "services.deployment.circuitBreaker.enable",
                deployment.circuitBreaker().enable());
        d.put(
                "services.deployment.circuitBreaker.rollback",
                deployment.circuitBreaker().rollback());
        d.put("services.deployment.alarms.rollback", deployment.alarmRollback());
        d.put("services.deployment.progressDeadline", deployment.progressDeadline());
        d.put("services.autoscaling.minCount", scaling.minCount());
        d.put(
                "services.autoscaling.targetTracking.metric",
                scaling.targetTracking().metric());
        d.put(
                "services.autoscaling.targetTracking.tolerance",
                scaling.targetTracking().tolerance());
        d.put("services.autoscaling.scaleOutCooldown", scaling.scaleOutCooldown());
        d.put("services.autoscaling.scaleInCooldown", scaling.scaleInCooldown());
        d.put("services.autoscaling.scaleInStabilization", scaling.scaleInStabilization());
        d.put("services.autoscaling.warmUp", scaling.warmUp());
        d.put("services.autoscaling.metricWindow", scaling.metricWindow());
        d.put("services.autoscaling.evaluationInterval", scaling.evaluationInterval());
        d.put("alarms.statistic", alarm.statistic());
        d.put("alarms.period", alarm.period());
        d.put("alarms.evaluationPeriods", alarm.evaluationPeriods());
        d.put("alarms.comparison", alarm.comparison());
        d.put("alarms.treatMissingData", alarm.treatMissingData());
        d.put("alarms.notify", alarm.notifiers());
        // The stack file passes the database's and cache's keys to the tasks only when written: the reference app
        // owns their defaults.
        d.put("database.engine", DatabaseSpec.DEFAULT_ENGINE.label());
        d.put("database.managed", stack.database().managed());
        d.put("database.pool.size", DataConfig.DEFAULT_POOL_SIZE);
        d.put("database.pool.connectionTimeout", DataConfig.DEFAULT_CONNECTION_TIMEOUT);
        d.put("database.pool.queryTimeout", DataConfig.DEFAULT_QUERY_TIMEOUT);
        d.put("database.catalogueIndex", DataConfig.DEFAULT_CATALOGUE_INDEX);
        d.put("cache.engine", CacheConfig.DEFAULT_ENGINE.label());
        d.put("cache.managed", stack.cache().managed());
        d.put("cache.ttl", CacheConfig.DEFAULT_TTL);
        d.put("balancer.ioThreads", stack.balancer().ioThreads());
        d.put("balancer.warmup", stack.balancer().warmup());
        d.put("monitoring.retention", stack.monitoring().retention());
        Map<String, String> rendered = new LinkedHashMap<>();
        d.forEach((key, value) -> rendered.put(key, render(value)));
        return rendered;
    }

    @Test
    void docsDefaultColumnIsTheCodesDefaults() throws IOException {
        assertThat(docDefaults()).isEqualTo(codeDefaults());
    }

    @Test
    void schemaDefaultsAreTheCodesDefaults() throws IOException {
        Map<String, String> schema = new LinkedHashMap<>();
        walkSchema(new ObjectMapper().readTree(SCHEMA.toFile()), "", schema);
        assertThat(schema).isEqualTo(codeDefaults());
    }

    /** {@code key → default} of each table row whose default is a literal in backticks, by section. */
    private static Map<String, String> docDefaults() throws IOException {
        Pattern heading = Pattern.compile("^#{2,3} `([a-zA-Z.<>]+)`.*");
        Pattern row = Pattern.compile("^\\| `([a-zA-Z.]+)` \\| `([^`]*)`.*\\|.*\\|$");
        Map<String, String> defaults = new LinkedHashMap<>();
        String section = null;
        for (String line : Files.readAllLines(DOC)) {
            Matcher h = heading.matcher(line);
            if (h.matches()) {
                section = h.group(1).replace(".<name>", "");
                continue;
            }
            Matcher r = row.matcher(line);
            if (section != null && r.matches()) {
                defaults.put(section + "." + r.group(1), unquote(r.group(2)));
            }
        }
        return defaults;
    }

    /** Object properties by path; maps of names ({@code additionalProperties}) and list items add nothing to it. */
    private static void walkSchema(JsonNode schema, String path, Map<String, String> defaults) {
        if (schema.has("default")) {
            JsonNode value = schema.get("default");
            defaults.put(path, value.isContainerNode() ? value.toString() : value.asText());
        }
        schema.path("properties")
                .properties()
                .forEach(
                        p -> walkSchema(p.getValue(), path.isEmpty() ? p.getKey() : path + "." + p.getKey(), defaults));
        if (schema.path("additionalProperties").isObject()) {
            walkSchema(schema.get("additionalProperties"), path, defaults);
        }
        if (schema.has("items")) {
            walkSchema(schema.get("items"), path, defaults);
        }
    }

    /** As the documents write it: {@code 2s}, {@code 16KiB}, {@code round_robin}, {@code Average}, {@code >}. */
    private static String render(Object value) {
        return switch (value) {
            case Duration d when d.toMillis() % 1000 != 0 -> d.toMillis() + "ms";
            case Duration d -> d.toSeconds() + "s";
            case Algorithm a -> a.name().toLowerCase(Locale.ROOT);
            case Statistic s -> s.cloudWatchName();
            case Comparison c -> c.symbol();
            case TreatMissingData t -> t.id();
            case ScalingMetric m -> m.id();
            case Collection<?> c when c.isEmpty() -> "[]";
            default -> String.valueOf(value);
        };
    }

    private static String size(long bytes) {
        return bytes % (1 << 20) == 0 ? bytes / (1 << 20) + "MiB" : bytes / (1 << 10) + "KiB";
    }

    private static String unquote(String text) {
        return text.length() > 1 && text.startsWith("\"") && text.endsWith("\"")
                ? text.substring(1, text.length() - 1)
                : text;
    }
}
