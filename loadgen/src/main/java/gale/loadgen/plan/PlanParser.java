package gale.loadgen.plan;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import gale.loadgen.feed.Feeder;
import gale.loadgen.journey.Journey;
import gale.loadgen.threshold.Threshold;
import gale.loadgen.threshold.Thresholds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads a plan file (YAML, k6's option names) into a {@link LoadPlan}; every error names the field. */
public final class PlanParser {

    static final Duration DEFAULT_MAX_DURATION = Duration.ofMinutes(10);
    private static final Set<String> TOP =
            Set.of("scenarios", "requests", "steps", "feeders", "thresholds", "options", "tags", "faults");
    private static final Set<String> COMMON =
            Set.of("executor", "requests", "steps", "think", "startTime", "gracefulStop", "tags");
    private static final Map<String, Set<String>> EXECUTOR_KEYS = Map.of(
            "constant-vus", Set.of("vus", "duration"),
            "ramping-vus", Set.of("startVUs", "stages"),
            "constant-arrival-rate", Set.of("rate", "timeUnit", "duration", "preAllocatedVUs", "maxVUs"),
            "ramping-arrival-rate", Set.of("startRate", "timeUnit", "stages", "preAllocatedVUs", "maxVUs"),
            "per-vu-iterations", Set.of("vus", "iterations", "maxDuration"),
            "shared-iterations", Set.of("vus", "iterations", "maxDuration"),
            "externally-controlled", Set.of("vus", "maxVUs", "duration"));
    private static final Set<String> STAGE = Set.of("duration", "target", "users", "rampUp", "hold");
    private static final Set<String> REQUEST = Set.of("name", "method", "url", "headers", "body", "checks", "tags");
    private static final Set<String> CHECKS = Set.of("status", "bodyContains");
    private static final Set<String> OPTIONS = Set.of(
            "connections",
            "threads",
            "timeout",
            "insecureSkipTlsVerify",
            "tlsAuth",
            "protocol",
            "streamsPerConnection");
    private static final Set<String> THRESHOLD = Set.of("threshold", "abortOnFail", "delayAbortEval");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    /** Reads {@code file}; feeders' files are found relative to its folder. */
    public LoadPlan parse(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new PlanException(file + ": no such file");
        } catch (IOException e) {
            throw new PlanException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        try {
            Path dir = file.toAbsolutePath().getParent();
            return parse(text, dir == null ? Path.of("") : dir);
        } catch (PlanException e) {
            throw new PlanException(file + ": " + e.getMessage(), e);
        }
    }

    public LoadPlan parse(String text) {
        return parse(text, Path.of(""));
    }

    /** Reads a plan's text; feeders' files are found relative to {@code baseDir}. */
    public LoadPlan parse(String text, Path baseDir) {
        JsonNode root;
        try {
            root = yaml.readTree(text);
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
            throw new PlanException(where + e.getOriginalMessage(), e);
        }
        PlanNode top = new PlanNode("", root).allowOnly(TOP);
        List<RequestSpec> shared = top.has("requests") ? requests(top.child("requests")) : List.of();
        Map<String, Feeder> feeders = top.has("feeders") ? FeederParser.parse(top.child("feeders"), baseDir) : Map.of();
        PlanNode sharedSteps = top.has("steps") ? top.child("steps") : null;
        Map<String, String> globalTags = top.strings("tags");
        List<Scenario> scenarios = new ArrayList<>();
        if (!top.has("scenarios")) {
            throw top.child("scenarios").fail("missing", "at least one scenario");
        }
        top.child("scenarios")
                .entries()
                .forEach((name, node) -> scenarios.add(scenario(name, node, shared, sharedSteps, feeders, globalTags)));
        List<Threshold> thresholds = top.has("thresholds") ? thresholds(top.child("thresholds")) : List.of();
        PlanOptions options = top.has("options") ? options(top.child("options"), baseDir) : PlanOptions.DEFAULTS;
        List<FaultStep> faults = top.has("faults") ? faults(top.child("faults")) : List.of();
        return top.build(() -> new LoadPlan(scenarios, thresholds, options, faults));
    }

    private Scenario scenario(
            String name,
            PlanNode node,
            List<RequestSpec> shared,
            PlanNode sharedSteps,
            Map<String, Feeder> feeders,
            Map<String, String> globalTags) {
        node.object();
        String type = node.text("executor", null);
        if (type == null || !EXECUTOR_KEYS.containsKey(type)) {
            throw node.child("executor")
                    .fail(
                            type == null ? "missing" : "'" + type + "'",
                            String.join(
                                    ", ",
                                    EXECUTOR_KEYS.keySet().stream().sorted().toList()));
        }
        Set<String> allowed = new LinkedHashSet<>(COMMON);
        allowed.addAll(EXECUTOR_KEYS.get(type));
        node.allowOnly(allowed);
        ExecutorSpec executor = node.build(() -> executor(type, node));
        if (node.has("requests") && node.has("steps")) {
            throw node.child("steps").fail("given with requests", "requests (sent as written) or steps, one of them");
        }
        PlanNode steps = node.has("steps") ? node.child("steps") : node.has("requests") ? null : sharedSteps;
        List<RequestSpec> requests =
                steps != null ? List.of() : node.has("requests") ? requests(node.child("requests")) : shared;
        if (steps == null && requests.isEmpty()) {
            throw node.child("requests").fail("missing", "at least one request (here or at the top level)");
        }
        Map<String, String> tags = new HashMap<>(globalTags);
        tags.putAll(node.strings("tags"));
        Duration think = node.duration("think", Duration.ZERO);
        Duration start = node.duration("startTime", Duration.ZERO);
        Duration graceful = node.duration("gracefulStop", Scenario.DEFAULT_GRACEFUL_STOP);
        if (steps != null) {
            Journey journey = JourneyParser.parse(steps, feeders);
            return node.build(() -> Scenario.ofJourney(name, executor, journey, think, start, graceful, tags));
        }
        return node.build(() -> new Scenario(name, executor, requests, think, start, graceful, tags));
    }

    private static ExecutorSpec executor(String type, PlanNode n) {
        Duration timeUnit = n.duration("timeUnit", Duration.ofSeconds(1));
        return switch (type) {
            case "constant-vus" -> new ExecutorSpec.ConstantVus(n.intValue("vus", 1), n.requiredDuration("duration"));
            case "ramping-vus" -> new ExecutorSpec.RampingVus(n.intValue("startVUs", 0), stages(n));
            case "constant-arrival-rate" -> {
                int pre = (int) n.requiredInteger("preAllocatedVUs");
                yield new ExecutorSpec.ConstantArrivalRate(
                        n.requiredInteger("rate"),
                        timeUnit,
                        n.requiredDuration("duration"),
                        pre,
                        n.intValue("maxVUs", pre));
            }
            case "ramping-arrival-rate" -> {
                int pre = (int) n.requiredInteger("preAllocatedVUs");
                yield new ExecutorSpec.RampingArrivalRate(
                        n.integer("startRate", 0), timeUnit, stages(n), pre, n.intValue("maxVUs", pre));
            }
            case "externally-controlled" -> {
                int vus = n.intValue("vus", 1);
                yield new ExecutorSpec.ExternallyControlled(
                        vus, n.intValue("maxVUs", vus), n.requiredDuration("duration"));
            }
            case "per-vu-iterations" ->
                new ExecutorSpec.PerVuIterations(
                        n.intValue("vus", 1),
                        n.integer("iterations", 1),
                        n.duration("maxDuration", DEFAULT_MAX_DURATION));
            default ->
                new ExecutorSpec.SharedIterations(
                        n.intValue("vus", 1),
                        n.integer("iterations", 1),
                        n.duration("maxDuration", DEFAULT_MAX_DURATION));
        };
    }

    /** k6's {@code {duration, target}} or JMeter's row {@code {users, rampUp, duration}} / {@code {users, rampUp, hold}}. */
    private static List<Stage> stages(PlanNode scenario) {
        if (!scenario.has("stages")) {
            throw scenario.child("stages").fail("missing", "a list of stages");
        }
        List<Stage> stages = new ArrayList<>();
        for (PlanNode s : scenario.child("stages").items()) {
            s.allowOnly(STAGE);
            if (s.has("target") == s.has("users")) {
                throw s.child("target")
                        .fail(
                                s.has("target") ? "given with users" : "missing",
                                "target (k6) or users (JMeter), one of them");
            }
            long target = s.has("target") ? s.integer("target", 0) : s.integer("users", 0);
            Duration rampUp = s.duration("rampUp", null);
            Duration duration;
            if (s.has("hold")) {
                if (s.has("duration")) {
                    throw s.child("hold")
                            .fail(
                                    "given with duration",
                                    "hold (after rampUp) or duration (including rampUp), one of them");
                }
                duration = (rampUp == null ? Duration.ZERO : rampUp).plus(s.duration("hold", null));
            } else {
                duration = s.requiredDuration("duration");
            }
            Duration ramp = rampUp == null ? duration : rampUp;
            stages.add(s.build(() -> new Stage(ramp, duration, target)));
        }
        return stages;
    }

    private static List<RequestSpec> requests(PlanNode list) {
        List<RequestSpec> out = new ArrayList<>();
        for (PlanNode r : list.items()) {
            if (r.node() != null && r.node().isTextual()) {
                out.add(shortRequest(r));
                continue;
            }
            r.allowOnly(REQUEST);
            if (!r.has("url")) {
                throw r.child("url").fail("missing", "an absolute http:// or https:// URL");
            }
            var url = RequestSpec.url(r.child("url").path(), r.child("url").text());
            String body = null;
            if (r.has("body")) {
                JsonNode b = r.node().get("body");
                body = b.isValueNode() ? b.asText() : b.toString();
            }
            Checks checks = r.has("checks") ? checks(r.child("checks")) : Checks.NONE;
            String method = r.text("method", "GET");
            String name = r.text("name", null);
            String finalBody = body;
            out.add(r.build(() ->
                    new RequestSpec(name, method, url, r.strings("headers"), finalBody, checks, r.strings("tags"))));
        }
        return out;
    }

    /** {@code - http://host/path} or {@code - POST http://host/path}. */
    private static RequestSpec shortRequest(PlanNode r) {
        String[] parts = r.text().trim().split("\\s+");
        String method = parts.length == 2 ? parts[0] : "GET";
        var url = RequestSpec.url(r.path(), parts[parts.length - 1]);
        return r.build(() -> new RequestSpec(null, method, url, Map.of(), null, Checks.NONE, Map.of()));
    }

    private static Checks checks(PlanNode c) {
        c.allowOnly(CHECKS);
        return statusAndBody(c);
    }

    /** The {@code status} and {@code bodyContains} checks of {@code c}. */
    static Checks statusAndBody(PlanNode c) {
        Set<Integer> status = new LinkedHashSet<>();
        if (c.has("status")) {
            PlanNode s = c.child("status");
            List<PlanNode> values = s.node().isArray() ? s.items() : List.of(s);
            for (PlanNode v : values) {
                if (!v.node().canConvertToInt() || !v.node().isIntegralNumber()) {
                    throw v.fail("'" + v.text() + "'", "an HTTP status like 200");
                }
                status.add(v.node().asInt());
            }
        }
        return c.build(() -> new Checks(status, c.text("bodyContains", null)));
    }

    private static List<Threshold> thresholds(PlanNode node) {
        List<Threshold> out = new ArrayList<>();
        node.entries().forEach((metric, value) -> {
            List<PlanNode> items = value.node().isArray() ? value.items() : List.of(value);
            for (PlanNode item : items) {
                if (item.node().isObject()) {
                    item.allowOnly(THRESHOLD);
                    String expr = item.text("threshold", null);
                    if (expr == null) {
                        throw item.child("threshold").fail("missing", "an expression like p(95)<500");
                    }
                    out.add(item.build(() -> Thresholds.parse(
                            metric, expr, item.bool("abortOnFail"), item.duration("delayAbortEval", Duration.ZERO))));
                } else {
                    out.add(item.build(() -> Thresholds.parse(metric, item.text(), false, Duration.ZERO)));
                }
            }
        });
        return out;
    }

    /** Each item: {@code at} and {@code kind}; the rest goes to the control plane as it is, which checks it. */
    private static List<FaultStep> faults(PlanNode node) {
        List<FaultStep> out = new ArrayList<>();
        for (PlanNode item : node.items()) {
            item.object();
            if (!item.has("kind")) {
                throw item.child("kind").fail("missing", "a fault kind such as task-hang (docs/faults.md)");
            }
            Duration at = item.duration("at", Duration.ZERO);
            String kind = item.child("kind").text();
            com.fasterxml.jackson.databind.node.ObjectNode body =
                    ((com.fasterxml.jackson.databind.node.ObjectNode) item.node()).deepCopy();
            body.remove("at");
            out.add(item.build(() -> new FaultStep(at, kind, body)));
        }
        return out;
    }

    private static PlanOptions options(PlanNode o, Path baseDir) {
        o.allowOnly(OPTIONS);
        PlanOptions.TlsAuth auth = null;
        if (o.has("tlsAuth")) {
            PlanNode a = o.child("tlsAuth");
            List<PlanNode> entries = a.node().isArray() ? a.items() : List.of(a);
            if (entries.size() != 1) {
                throw a.fail(entries.size() + " entries", "one {cert, key}");
            }
            PlanNode e = entries.getFirst().allowOnly(Set.of("cert", "key"));
            auth = e.build(() ->
                    new PlanOptions.TlsAuth(baseDir.resolve(e.text("cert", "")), baseDir.resolve(e.text("key", ""))));
        }
        PlanOptions.TlsAuth tlsAuth = auth;
        return o.build(() -> new PlanOptions(
                o.intValue("connections", 0),
                o.intValue("threads", 0),
                o.duration("timeout", PlanOptions.DEFAULT_TIMEOUT),
                o.bool("insecureSkipTlsVerify"),
                tlsAuth,
                o.has("protocol") ? Protocol.parse("options.protocol", o.text("protocol", "")) : null,
                o.intValue("streamsPerConnection", PlanOptions.DEFAULT_STREAMS)));
    }
}
