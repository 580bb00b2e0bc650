package gale.control.events;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One state change of the stack, with its reason. The JSON form (see docs/api.md) is a contract: {@code gale load}
 * reads it to put load and events on one timeline.
 *
 * @param id increasing from 1 within a stack; the SSE stream's {@code id:}
 * @param type what changed, like {@code task.stopped} (see {@link EventType})
 * @param subject what it happened to: a task id, a target id, a service, a target group or the stack
 * @param service the service involved, or null (a static target, the stack itself)
 */
public record Event(long id, Instant time, String type, String subject, String service, String reason) {

    public Event {
        requireNonNull(time, "time");
        requireNonNull(type, "type");
        requireNonNull(subject, "subject");
        requireNonNull(reason, "reason");
    }
}
