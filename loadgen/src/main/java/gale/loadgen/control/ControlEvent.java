package gale.loadgen.control;

import java.time.Instant;
import java.util.Objects;

/**
 * One event of a Gale control plane ({@code GET /api/events}): a task started or stopped, a target went unhealthy,
 * a service scaled, a deployment ran. Fields the control plane does not send are empty strings.
 */
public record ControlEvent(long id, Instant time, String type, String subject, String reason, String service) {

    public ControlEvent {
        Objects.requireNonNull(time, "time");
        type = Objects.requireNonNullElse(type, "");
        subject = Objects.requireNonNullElse(subject, "");
        reason = Objects.requireNonNullElse(reason, "");
        service = Objects.requireNonNullElse(service, "");
    }

    /** One line for the summary and the report: {@code task.stopped web-1a2b3c (killed by chaos)}. */
    public String label() {
        return type + (subject.isEmpty() ? "" : " " + subject) + (reason.isEmpty() ? "" : " (" + reason + ")");
    }
}
