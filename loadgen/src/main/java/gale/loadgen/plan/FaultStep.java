package gale.loadgen.plan;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;

/**
 * A fault the plan injects through a Gale control plane at {@code at} into the test: {@code body} is the fault as
 * {@code POST /api/faults} takes it ({@code kind}, selection, {@code duration}, parameters); the control plane checks
 * it (docs/faults.md) and the refusal, if any, is reported when the step fires.
 */
public record FaultStep(Duration at, String kind, ObjectNode body) {

    public FaultStep {
        requireNonNull(at, "at");
        requireNonNull(kind, "kind");
        requireNonNull(body, "body");
        if (at.isNegative()) {
            throw PlanException.field("at", at.toString(), "an offset of 0 or more");
        }
        body = body.deepCopy();
    }
}
