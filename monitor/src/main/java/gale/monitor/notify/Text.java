package gale.monitor.notify;

/** Truncation that respects receivers' limits without splitting a character. */
final class Text {
    private static final String ELLIPSIS = "…";

    private Text() {}

    /** At most {@code max} UTF-16 units (what Discord and Slack count), ending with … when cut. */
    static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - ELLIPSIS.length();
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // never leave half of a surrogate pair
        }
        return text.substring(0, Math.max(0, end)) + ELLIPSIS;
    }
}
