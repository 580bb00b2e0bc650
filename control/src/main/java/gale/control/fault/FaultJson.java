package gale.control.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gale.balancer.TrafficFault;
import gale.control.fault.FaultParameters.OutageMode;
import gale.fleet.fault.TaskSignal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fault as JSON, the one form the API, the CLI and load plans share (docs/faults.md): {@code {"kind": "task-hang",
 * "service": "web", "count": 1, "duration": "10s"}}. A field the kind does not read is refused, not ignored.
 */
public final class FaultJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");
    private static final Set<String> COMMON = Set.of("kind", "duration", "stopOn");
    private static final Set<String> TASKS = Set.of("service", "count", "percent");
    private static final Set<String> TRAFFIC = Set.of("targetGroup", "target", "toxicity");
    private static final Map<FaultKind, Set<String>> PARAMETERS = Map.of(
            FaultKind.TASK_KILL, Set.of("signal"),
            FaultKind.TASK_HANG, Set.of(),
            FaultKind.TASK_CPU_STRESS, Set.of("load"),
            FaultKind.DATABASE_OUTAGE, Set.of("mode"),
            FaultKind.HTTP_LATENCY, Set.of("delay", "jitter"),
            FaultKind.HTTP_ERROR, Set.of("rate", "status"),
            FaultKind.NET_RESET, Set.of(),
            FaultKind.NET_BLACKHOLE, Set.of(),
            FaultKind.NET_BANDWIDTH, Set.of("rate"),
            FaultKind.NET_SLOW_CLOSE, Set.of("delay"));

    private FaultJson() {}

    /** @throws IllegalArgumentException naming the field, its value and what was expected */
    public static FaultSpec parse(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("fault: " + node + " (expected: a JSON object)");
        }
        FaultKind kind = FaultKind.of(text(node, "kind", null));
        refuseUnknown(node, kind);
        Selection selection = new Selection(
                text(node, "service", null),
                integer(node, "count"),
                integer(node, "percent"),
                text(node, "targetGroup", null),
                text(node, "target", null));
        FaultParameters d = FaultParameters.DEFAULTS;
        TrafficParameters traffic = new TrafficParameters(
                duration(node, "delay", null),
                duration(node, "jitter", null),
                number(node, "rate"),
                integer(node, "status"),
                number(node, "toxicity"));
        FaultParameters parameters = new FaultParameters(
                TaskSignal.valueOf(choice(node, "signal", d.signal().name(), "KILL or TERM")),
                orDefault(integer(node, "load"), d.loadPercent()),
                OutageMode.valueOf(choice(node, "mode", d.mode().name(), "stop or hang")),
                traffic);
        Duration duration = kind.lasts() ? duration(node, "duration", null) : duration(node, "duration", Duration.ZERO);
        if (duration == null) {
            throw new IllegalArgumentException(
                    "duration: missing (expected: a duration like 10s for " + kind.label() + ")");
        }
        FaultSpec spec = new FaultSpec(kind, selection, duration, parameters, stopOn(node));
        if (kind.scope() == FaultKind.Scope.TRAFFIC) {
            traffic.toFault(kind, "any", null, duration); // the balancer's checks, before anything is applied
        }
        return spec;
    }

    /** The spec as {@link #parse} reads it, with only what the kind uses. */
    public static ObjectNode toJson(FaultSpec spec) {
        ObjectNode node = JSON.createObjectNode();
        node.put("kind", spec.kind().label());
        Selection s = spec.selection();
        putIfSet(node, "service", s.service());
        if (s.count() != null) {
            node.put("count", s.count());
        }
        if (s.percent() != null) {
            node.put("percent", s.percent());
        }
        putIfSet(node, "targetGroup", s.targetGroup());
        putIfSet(node, "target", s.target());
        node.put("duration", spec.duration().toMillis() + "ms");
        FaultParameters p = spec.parameters();
        Set<String> used = PARAMETERS.get(spec.kind());
        if (used.contains("signal")) {
            node.put("signal", p.signal().name());
        }
        if (used.contains("load")) {
            node.put("load", p.loadPercent());
        }
        if (used.contains("mode")) {
            node.put("mode", p.mode().name().toLowerCase(Locale.ROOT));
        }
        if (spec.kind().scope() == FaultKind.Scope.TRAFFIC) {
            trafficToJson(spec, node);
        }
        node.set("stopOn", JSON.valueToTree(spec.stopOn()));
        return node;
    }

    /** The traffic fault's parameters as the balancer applies them, defaults included. */
    private static void trafficToJson(FaultSpec spec, ObjectNode node) {
        TrafficFault f = spec.parameters().traffic().toFault(spec.kind(), "any", null, spec.duration());
        node.put("toxicity", f.toxicity());
        switch (f.kind()) {
            case HTTP_LATENCY -> {
                node.put("delay", f.delay().toMillis() + "ms");
                node.put("jitter", f.jitter().toMillis() + "ms");
            }
            case HTTP_ERROR -> {
                node.put("rate", f.errorRate());
                node.put("status", f.errorStatus());
            }
            case NET_BANDWIDTH -> node.put("rate", f.bytesPerSecond());
            case NET_SLOW_CLOSE -> node.put("delay", f.delay().toMillis() + "ms");
            default -> {}
        }
    }

    private static void refuseUnknown(JsonNode node, FaultKind kind) {
        Set<String> scope = switch (kind.scope()) {
            case TASKS -> TASKS;
            case TRAFFIC -> TRAFFIC;
            case DATABASE -> Set.of();
        };
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!COMMON.contains(name)
                    && !scope.contains(name)
                    && !PARAMETERS.get(kind).contains(name)) {
                List<String> known = new ArrayList<>(scope);
                known.addAll(PARAMETERS.get(kind));
                throw new IllegalArgumentException(name + ": " + node.get(name) + " (expected: a field " + kind.label()
                        + " reads: " + known.stream().sorted().toList() + ")");
            }
        }
    }

    private static List<String> stopOn(JsonNode node) {
        JsonNode value = node.get("stopOn");
        if (value == null || value.isNull()) {
            return List.of();
        }
        List<String> alarms = new ArrayList<>();
        if (value.isTextual()) {
            alarms.add(value.asText());
        } else if (value.isArray()) {
            value.forEach(alarm -> {
                if (!alarm.isTextual()) {
                    throw new IllegalArgumentException("stopOn: " + value + " (expected: alarm names, or *)");
                }
                alarms.add(alarm.asText());
            });
        } else {
            throw new IllegalArgumentException("stopOn: " + value + " (expected: alarm names, or *)");
        }
        return alarms;
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (field.equals("kind")) {
                throw new IllegalArgumentException("kind: missing (expected: one of " + FaultKind.labels() + ")");
            }
            return fallback;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(field + ": " + value + " (expected: a non-empty string)");
        }
        return value.asText();
    }

    private static String choice(JsonNode node, String field, String fallback, String expected) {
        String value = text(node, field, fallback).toUpperCase(Locale.ROOT);
        if (!expected.toUpperCase(Locale.ROOT).matches(".*\\b" + Pattern.quote(value) + "\\b.*")) {
            throw new IllegalArgumentException(field + ": " + node.get(field) + " (expected: " + expected + ")");
        }
        return value;
    }

    private static Integer integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new IllegalArgumentException(field + ": " + value + " (expected: an integer)");
        }
        return value.asInt();
    }

    private static Double number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw new IllegalArgumentException(field + ": " + value + " (expected: a number)");
        }
        return value.asDouble();
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    /** {@code 10s}, {@code 500ms}, {@code 2m}, {@code 1h}, or a number of seconds. */
    static Duration duration(JsonNode node, String field, Duration fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (value.isNumber() && value.asDouble() >= 0) {
            return Duration.ofMillis(Math.round(value.asDouble() * 1000));
        }
        Matcher m = DURATION.matcher(value.asText().trim());
        if (!value.isTextual() || !m.matches()) {
            throw new IllegalArgumentException(
                    field + ": " + value + " (expected: a duration like 10s, 500ms, 2m or 1h)");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }
}
