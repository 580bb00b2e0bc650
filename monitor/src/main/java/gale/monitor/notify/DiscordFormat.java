package gale.monitor.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gale.monitor.alarm.AlarmStateChange;

/**
 * Discord's webhook JSON: a short {@code content} line (at most 2,000 characters) and one embed with the details,
 * within Discord's embed limits. Mentions are disabled so a reason can never ping {@code @everyone}.
 */
final class DiscordFormat implements MessageFormat {
    static final int CONTENT_LIMIT = 2000;
    static final int TITLE_LIMIT = 256;
    static final int DESCRIPTION_LIMIT = 4096;
    static final int FIELD_VALUE_LIMIT = 1024;

    private final ObjectMapper json;

    DiscordFormat(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public String body(AlarmStateChange change) {
        ObjectNode root = json.createObjectNode();
        root.put("content", Text.truncate(Summary.line(change), CONTENT_LIMIT));
        root.putObject("allowed_mentions").putArray("parse");
        ObjectNode embed = root.putArray("embeds").addObject();
        embed.put("title", Text.truncate(Summary.title(change), TITLE_LIMIT));
        embed.put("description", Text.truncate(change.reason(), DESCRIPTION_LIMIT));
        embed.put("color", color(change));
        embed.put("timestamp", change.at().toString());
        var fields = embed.putArray("fields");
        field(fields.addObject(), "Condition", Summary.condition(change.alarm()));
        field(fields.addObject(), "Previous state", change.previous().toString());
        return Json.write(json, root);
    }

    private static void field(ObjectNode field, String name, String value) {
        field.put("name", name);
        field.put("value", Text.truncate(value, FIELD_VALUE_LIMIT));
        field.put("inline", false);
    }

    private static int color(AlarmStateChange change) {
        return switch (change.state()) {
            case ALARM -> 0xE74C3C;
            case OK -> 0x2ECC71;
            case INSUFFICIENT_DATA -> 0x95A5A6;
        };
    }
}
