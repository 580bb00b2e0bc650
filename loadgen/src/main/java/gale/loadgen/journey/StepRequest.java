package gale.loadgen.journey;

import gale.loadgen.plan.Checks;
import gale.loadgen.plan.RequestSpec;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One request of a journey. The origin ({@code scheme://host:port}) is fixed, so connections pool as for any
 * request; the target (path and query), headers and body may hold {@code ${var}}.
 *
 * @param slot its place among the scenario's requests: the metrics series it records into
 * @param shape the request as the metrics and the engine's host resolution see it (placeholders quoted in the URL)
 * @param bodyContains the {@code checks.bodyContains} text as a template, or null
 * @param headerChecks the values {@code checks.header} expects, as templates, in the order of {@code checks}
 */
public record StepRequest(
        int slot,
        RequestSpec shape,
        Template target,
        Map<String, Template> headers,
        Template body,
        List<Capture> captures,
        Template bodyContains,
        Map<String, Template> headerChecks) {

    public StepRequest {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(target, "target");
        headers = Map.copyOf(headers);
        captures = List.copyOf(captures);
        headerChecks = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headerChecks));
    }

    public String name() {
        return shape.name();
    }

    public Checks checks() {
        return shape.checks();
    }

    public boolean needsBody() {
        return shape.checks().needsBody() || captures.stream().anyMatch(Capture::needsBody);
    }
}
