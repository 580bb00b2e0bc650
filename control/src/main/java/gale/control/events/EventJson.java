package gale.control.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Events as JSON: {@code {"id":17,"time":"2026-11-23T02:30:00.123Z","type":"task.stopped",...}}. */
public final class EventJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private EventJson() {}

    public static ObjectNode toJson(Event event) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", event.id());
        node.put("time", TIME.format(event.time()));
        node.put("type", event.type());
        node.put("subject", event.subject());
        node.put("service", event.service());
        node.put("reason", event.reason());
        return node;
    }

    public static String toJsonText(Event event) {
        return toJson(event).toString();
    }

    public static ArrayNode toJson(List<Event> events) {
        ArrayNode array = JSON.createArrayNode();
        events.forEach(e -> array.add(toJson(e)));
        return array;
    }
}
