package gale.loadgen.plan;

import com.fasterxml.jackson.databind.JsonNode;
import gale.loadgen.feed.Feeder;
import gale.loadgen.journey.Capture;
import gale.loadgen.journey.Condition;
import gale.loadgen.journey.Journey;
import gale.loadgen.journey.Step;
import gale.loadgen.journey.StepRequest;
import gale.loadgen.journey.Template;
import gale.loadgen.journey.ThinkTime;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** Reads a scenario's {@code steps} into a {@link Journey}; see docs/plan-file.md, "Journeys". */
final class JourneyParser {

    private static final Set<String> FLOW = Set.of("if", "repeat");
    private static final Set<String> REQUEST =
            Set.of("name", "method", "url", "headers", "body", "checks", "capture", "tags");
    private static final Set<String> CHECKS = Set.of("status", "bodyContains", "header");
    private static final Set<String> CAPTURE = Set.of("json", "regex", "header");

    private final Map<String, Feeder> feeders;
    private final List<StepRequest> requests = new ArrayList<>();
    private final List<String> groups = new ArrayList<>();

    private JourneyParser(Map<String, Feeder> feeders) {
        this.feeders = feeders;
    }

    static Journey parse(PlanNode steps, Map<String, Feeder> feeders) {
        JourneyParser p = new JourneyParser(feeders);
        List<Step> parsed = p.steps(steps);
        return at(steps, () -> new Journey(parsed, p.requests, p.groups));
    }

    private List<Step> steps(PlanNode list) {
        List<Step> out = new ArrayList<>();
        for (PlanNode s : list.items()) {
            out.add(step(s));
        }
        return out;
    }

    private Step step(PlanNode s) {
        if (s.node() != null && s.node().isTextual()) {
            return new Step(new Step.Send(List.of(request(s))), null, 1);
        }
        s.object();
        Set<String> allowed = new LinkedHashSet<>(FLOW);
        Step.Action action;
        if (s.has("feed")) {
            allowed.add("feed");
            s.allowOnly(allowed);
            String name = s.text("feed", null);
            Feeder feeder = feeders.get(name);
            if (feeder == null) {
                throw s.child("feed").fail("'" + name + "'", "a feeder declared under feeders: " + feeders.keySet());
            }
            action = new Step.Feed(feeder);
        } else if (s.has("think")) {
            allowed.add("think");
            s.allowOnly(allowed);
            action = new Step.Pause(think(s.child("think")));
        } else if (s.has("group")) {
            allowed.addAll(Set.of("group", "steps"));
            s.allowOnly(allowed);
            String name = s.text("group", null);
            int slot = groups.size();
            groups.add(name);
            if (!s.has("steps")) {
                throw s.child("steps").fail("missing", "the group's steps");
            }
            action = new Step.Group(name, slot, steps(s.child("steps")));
        } else if (s.has("batch")) {
            allowed.add("batch");
            s.allowOnly(allowed);
            List<StepRequest> batch = new ArrayList<>();
            for (PlanNode r : s.child("batch").items()) {
                if (!r.node().isTextual()) {
                    r.allowOnly(REQUEST);
                }
                batch.add(request(r));
            }
            action = at(s, () -> new Step.Send(batch));
        } else {
            allowed.addAll(REQUEST);
            s.allowOnly(allowed);
            action = new Step.Send(List.of(request(s)));
        }
        Condition when = s.has("if") ? at(s, () -> Condition.parse(s.child("if").text())) : null;
        int repeat = s.intValue("repeat", 1);
        return at(s, () -> new Step(action, when, repeat));
    }

    /** A request: a mapping of {@link #REQUEST} keys, or the short {@code "POST http://host/path"}. */
    private StepRequest request(PlanNode r) {
        String method;
        String url;
        PlanNode urlNode;
        if (r.node() != null && r.node().isTextual()) {
            String[] parts = r.text().trim().split("\\s+");
            method = parts.length == 2 ? parts[0] : "GET";
            url = parts[parts.length - 1];
            urlNode = r;
            r = new PlanNode(r.path(), com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
        } else {
            if (!r.has("url")) {
                throw r.child("url").fail("missing", "an absolute http:// or https:// URL");
            }
            method = r.text("method", "GET");
            url = r.text("url", null);
            urlNode = r.child("url");
        }
        PlanNode n = r;
        int cut = originEnd(url);
        String origin = url.substring(0, cut);
        if (origin.contains("${") || origin.endsWith("://") || url.startsWith("${", cut) && hostLike(url, cut)) {
            throw urlNode.fail("'" + url + "'", "variables only after the host: http://host:port/path/${var}");
        }
        String rest = url.substring(cut);
        String target = rest.isEmpty() ? "/" : rest.startsWith("?") ? "/" + rest : rest;
        Template targetTemplate = at(urlNode, () -> Template.of(target));
        URI shapeUrl = shapeUrl(urlNode, origin, target);
        Map<String, Template> headers = new LinkedHashMap<>();
        n.strings("headers").forEach((k, v) -> headers.put(k, at(n.child("headers"), () -> Template.of(v))));
        String body = null;
        if (n.has("body")) {
            JsonNode b = n.node().get("body");
            body = b.isValueNode() ? b.asText() : b.toString();
        }
        String bodyText = body;
        Template bodyTemplate = body == null ? null : at(n.child("body"), () -> Template.of(bodyText));
        Map<String, Template> headerChecks = new LinkedHashMap<>();
        Checks checks = n.has("checks") ? checks(n.child("checks"), headerChecks) : Checks.NONE;
        List<Capture> captures = n.has("capture") ? captures(n.child("capture")) : List.of();
        String name = n.text("name", method.toUpperCase(java.util.Locale.ROOT) + " " + url);
        RequestSpec shape =
                n.build(() -> new RequestSpec(name, method, shapeUrl, Map.of(), null, checks, n.strings("tags")));
        StepRequest request = new StepRequest(
                requests.size(),
                shape,
                targetTemplate,
                headers,
                bodyTemplate,
                captures,
                checks.bodyContains() == null ? null : at(n.child("checks"), () -> Template.of(checks.bodyContains())),
                headerChecks);
        requests.add(request);
        return request;
    }

    /** Where {@code scheme://authority} ends: the first '/', '?' or "${" after "://" (a target from a variable). */
    private static int originEnd(String url) {
        int scheme = url.indexOf("://");
        int from = scheme < 0 ? 0 : scheme + 3;
        for (int i = from; i < url.length(); i++) {
            if (url.charAt(i) == '/' || url.charAt(i) == '?' || url.startsWith("${", i)) {
                return i;
            }
        }
        return url.length();
    }

    /** Whether the placeholder at {@code at} goes on the host ({@code ${sub}.example.com}, {@code ${host}:80}). */
    private static boolean hostLike(String url, int at) {
        int end = url.indexOf('}', at);
        return end > 0 && end + 1 < url.length() && (url.charAt(end + 1) == '.' || url.charAt(end + 1) == ':');
    }

    /** The URL the metrics tag and the engine resolve: placeholders quoted, so it is a valid URI. */
    private static URI shapeUrl(PlanNode at, String origin, String target) {
        URI base = RequestSpec.url(at.path(), origin);
        String path = target.startsWith("/") ? target : "/" + target;
        int q = path.indexOf('?');
        try {
            return new URI(
                    base.getScheme(),
                    base.getRawAuthority(),
                    q < 0 ? path : path.substring(0, q),
                    q < 0 ? null : path.substring(q + 1),
                    null);
        } catch (URISyntaxException e) {
            throw at.fail("'" + origin + target + "'", "an absolute http:// or https:// URL with a host");
        }
    }

    private static Checks checks(PlanNode c, Map<String, Template> headerChecks) {
        c.allowOnly(CHECKS);
        Checks base = PlanParser.statusAndBody(c);
        Map<String, String> headers = c.strings("header");
        headers.forEach((k, v) -> headerChecks.put(k, at(c.child("header"), () -> Template.of(v))));
        return c.build(() -> new Checks(base.status(), base.bodyContains(), headers));
    }

    private static List<Capture> captures(PlanNode node) {
        List<Capture> out = new ArrayList<>();
        node.entries().forEach((variable, c) -> {
            c.allowOnly(CAPTURE);
            if (c.entries().size() != 1) {
                throw c.fail(c.entries().keySet(), "one of json, regex, header");
            }
            out.add(at(c, () -> {
                if (c.has("json")) {
                    return Capture.json(variable, c.text("json", null));
                }
                return c.has("regex")
                        ? Capture.regex(variable, c.text("regex", null))
                        : Capture.header(variable, c.text("header", null));
            }));
        });
        return out;
    }

    /** {@code 1s}, or one of {@code constant: D}, {@code uniform: {min, max}}, {@code normal: {mean, stddev}}, {@code poisson: {mean}}. */
    static ThinkTime think(PlanNode t) {
        if (t.node().isValueNode()) {
            return ThinkTime.constant(Durations.parse(t.path(), t.text()));
        }
        t.allowOnly(Set.of("constant", "uniform", "normal", "poisson"));
        if (t.entries().size() != 1) {
            throw t.fail(t.entries().keySet(), "one of constant, uniform, normal, poisson");
        }
        if (t.has("constant")) {
            return ThinkTime.constant(t.requiredDuration("constant"));
        }
        String kind = t.entries().keySet().iterator().next();
        PlanNode p = t.child(kind);
        return at(p, () -> switch (kind) {
            case "uniform" ->
                new ThinkTime(
                        ThinkTime.Distribution.UNIFORM,
                        p.allowOnly(Set.of("min", "max")).requiredDuration("min"),
                        p.requiredDuration("max"));
            case "normal" ->
                new ThinkTime(
                        ThinkTime.Distribution.NORMAL,
                        p.allowOnly(Set.of("mean", "stddev")).requiredDuration("mean"),
                        p.requiredDuration("stddev"));
            default ->
                new ThinkTime(
                        ThinkTime.Distribution.POISSON,
                        p.allowOnly(Set.of("mean")).requiredDuration("mean"),
                        null);
        });
    }

    /** Builds a part of the journey at {@code node}; the model's errors are prefixed with the node's path. */
    private static <T> T at(PlanNode node, Supplier<T> build) {
        return node.build(() -> {
            try {
                return build.get();
            } catch (PlanException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw new PlanException(node.path() + ": " + e.getMessage(), e);
            }
        });
    }
}
