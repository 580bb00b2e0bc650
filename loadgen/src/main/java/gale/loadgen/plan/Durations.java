package gale.loadgen.plan;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** k6's duration syntax: {@code 30s}, {@code 1m30s}, {@code 500ms}, {@code 2h}, {@code 1.5s}; a bare number is seconds. */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|us|µs|s|m|h)");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");

    private Durations() {}

    /** Parses {@code text}; {@code field} names it in the error, e.g. {@code stages[2].duration: 5x (expected: ...)}. */
    public static Duration parse(String field, String text) {
        String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (NUMBER.matcher(s).matches()) {
            return Duration.ofNanos(Math.round(Double.parseDouble(s) * 1e9));
        }
        Matcher m = PART.matcher(s);
        int at = 0;
        double nanos = 0;
        while (at < s.length() && m.find(at) && m.start() == at) {
            double v = Double.parseDouble(m.group(1));
            nanos += v
                    * switch (m.group(2)) {
                        case "us", "µs" -> 1e3;
                        case "ms" -> 1e6;
                        case "s" -> 1e9;
                        case "m" -> 60e9;
                        default -> 3600e9;
                    };
            at = m.end();
        }
        if (s.isEmpty() || at != s.length()) {
            throw PlanException.field(field, text == null ? "" : "'" + text + "'", "a duration like 30s, 1m30s, 500ms");
        }
        return Duration.ofNanos(Math.round(nanos));
    }

    /** Short human form for summaries: {@code 1m30s}, {@code 10s}, {@code 250ms}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        long s = ms / 1000;
        StringBuilder out = new StringBuilder();
        if (s >= 3600) {
            out.append(s / 3600).append('h');
        }
        if (s % 3600 >= 60) {
            out.append(s % 3600 / 60).append('m');
        }
        if (s % 60 != 0 || out.isEmpty()) {
            out.append(s % 60);
            if (ms % 1000 != 0 && s < 60) {
                out.append('.')
                        .append(String.format(Locale.ROOT, "%03d", ms % 1000).replaceAll("0+$", ""));
            }
            out.append('s');
        }
        return out.toString();
    }
}
