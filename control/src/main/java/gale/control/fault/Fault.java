package gale.control.fault;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One injected fault: what was asked, what it acts on, when it started and ends, and once it has ended, when and why.
 * Immutable: the registry replaces an active fault with its ended form.
 */
public record Fault(
        String id,
        FaultSpec spec,
        List<String> affected,
        Instant startedAt,
        Instant endsAt,
        Optional<Instant> endedAt,
        Optional<String> endReason) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public Fault {
        affected = List.copyOf(affected);
    }

    public boolean active() {
        return endedAt.isEmpty();
    }

    Fault ended(Instant at, String reason) {
        return new Fault(id, spec, affected, startedAt, endsAt, Optional.of(at), Optional.of(reason));
    }

    /** docs/api.md: the spec's fields, plus {@code id}, {@code state}, {@code affected} and the times. */
    public ObjectNode toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", id);
        node.setAll(FaultJson.toJson(spec));
        node.put("state", active() ? "ACTIVE" : "ENDED");
        node.set("affected", JSON.valueToTree(affected));
        node.put("startedAt", startedAt.toString());
        node.put("endsAt", endsAt.toString());
        node.put("endedAt", endedAt.map(Instant::toString).orElse(null));
        node.put("endReason", endReason.orElse(null));
        return node;
    }

    /** For events: {@code task-hang of web-1a2b3c for 10s}. */
    String describe() {
        String on = affected.isEmpty() ? "" : " of " + String.join(", ", affected);
        String lasting = spec.kind().lasts() ? " for " + spec.duration().toMillis() / 1000.0 + "s" : "";
        return spec.kind().label() + on + lasting;
    }
}
