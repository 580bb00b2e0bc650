package gale.control.experiment;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads samples out of Prometheus's text exposition format, enough to add up one metric's matching series. */
final class PrometheusText {

    private static final Pattern SAMPLE =
            Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\d+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private PrometheusText() {}

    /** The sum of {@code name}'s samples whose labels include {@code labels}; NaN when none matches. */
    static double sum(String text, String name, Map<String, String> labels) {
        double sum = 0;
        boolean found = false;
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line.trim());
            if (!m.matches() || !m.group(1).equals(name) || !matches(m.group(2), labels)) {
                continue;
            }
            try {
                sum += Double.parseDouble(m.group(3));
                found = true;
            } catch (NumberFormatException ignored) {
                // NaN or +Inf written oddly: not a value to add
            }
        }
        return found ? sum : Double.NaN;
    }

    private static boolean matches(String written, Map<String, String> wanted) {
        if (wanted.isEmpty()) {
            return true;
        }
        Map<String, String> labels = new HashMap<>();
        if (written != null) {
            Matcher m = LABEL.matcher(written);
            while (m.find()) {
                labels.put(m.group(1), m.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
            }
        }
        return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }
}
