package gale.monitor.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gale.monitor.alarm.AlarmStateChange;

/** Slack's incoming-webhook JSON: {@code text} (the notification's fallback) and blocks with the details. */
final class SlackFormat implements MessageFormat {
    /** Slack's limit for a section block's text. */
    static final int SECTION_LIMIT = 3000;

    private final ObjectMapper json;

    SlackFormat(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public String body(AlarmStateChange change) {
        ObjectNode root = json.createObjectNode();
        root.put("text", Text.truncate(Summary.line(change), SECTION_LIMIT));
        ArrayNode blocks = root.putArray("blocks");
        ObjectNode header = blocks.addObject();
        header.put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", Text.truncate(Summary.title(change), 150));
        section(blocks.addObject(), change.reason());
        section(
                blocks.addObject(),
                "*Condition:* " + Summary.condition(change.alarm()) + "\n*Previous state:* " + change.previous()
                        + "\n*At:* " + change.at());
        return Json.write(json, root);
    }

    private static void section(ObjectNode block, String markdown) {
        block.put("type", "section");
        block.putObject("text").put("type", "mrkdwn").put("text", Text.truncate(markdown, SECTION_LIMIT));
    }
}
