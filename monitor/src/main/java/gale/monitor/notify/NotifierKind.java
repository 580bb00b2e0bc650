package gale.monitor.notify;

/** Where a notifier sends: the stack file's key in {@code notifiers: { ops: { discord: URL } }}. */
public enum NotifierKind {
    DISCORD("discord"),
    SLACK("slack"),
    WEBHOOK("webhook"),
    LOG("log");

    private final String id;

    NotifierKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static NotifierKind parse(String text) {
        for (NotifierKind kind : values()) {
            if (kind.id.equalsIgnoreCase(text == null ? "" : text.strip())) {
                return kind;
            }
        }
        throw new IllegalArgumentException("notifier kind: " + text + " (expected: discord, slack, webhook, log)");
    }
}
