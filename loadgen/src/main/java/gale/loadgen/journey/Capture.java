package gale.loadgen.journey;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes a value from a response into a variable: a JSON path ({@code $.code}, {@code $.items[0].id}), a regular
 * expression's first group (or the whole match when it has none), or a header's value. Nothing found unsets the
 * variable, so a later {@code if} can test for it.
 */
public record Capture(String variable, Source source, String expression, Pattern pattern, JsonPointer pointer) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public enum Source {
        JSON,
        REGEX,
        HEADER
    }

    public Capture {
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(expression, "expression");
    }

    public static Capture json(String variable, String path) {
        return new Capture(variable, Source.JSON, path, null, pointer(path));
    }

    public static Capture regex(String variable, String regex) {
        try {
            return new Capture(variable, Source.REGEX, regex, Pattern.compile(regex), null);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new IllegalArgumentException("'" + regex + "' (expected: a Java regular expression)", e);
        }
    }

    public static Capture header(String variable, String name) {
        return new Capture(variable, Source.HEADER, name, null, null);
    }

    public boolean needsBody() {
        return source != Source.HEADER;
    }

    /** The captured value, or null when the response does not have it. */
    public String extract(CharSequence body, List<String> headers) {
        return switch (source) {
            case HEADER -> Headers.value(headers, expression);
            case REGEX -> {
                if (body == null) {
                    yield null;
                }
                Matcher m = pattern.matcher(body);
                yield m.find() ? m.group(m.groupCount() > 0 ? 1 : 0) : null;
            }
            case JSON -> {
                if (body == null || body.isEmpty()) {
                    yield null;
                }
                try {
                    JsonNode found = JSON.readTree(body.toString()).at(pointer);
                    yield found.isMissingNode() || found.isNull()
                            ? null
                            : found.isValueNode() ? found.asText() : found.toString();
                } catch (com.fasterxml.jackson.core.JacksonException e) {
                    yield null;
                }
            }
        };
    }

    /** {@code $.a.b[0].c} (JSONPath's dot and index forms) as the JSON Pointer {@code /a/b/0/c}. */
    static JsonPointer pointer(String path) {
        String p = path.trim();
        if (!p.startsWith("$")) {
            throw new IllegalArgumentException("'" + path + "' (expected: a JSON path like $.code or $.items[0].id)");
        }
        StringBuilder pointer = new StringBuilder();
        Matcher m = Pattern.compile("\\.([^.\\[]+)|\\[(\\d+)]|\\['([^']+)']").matcher(p);
        int at = 1;
        while (at < p.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException(
                        "'" + path + "' (expected: a JSON path like $.code or $.items[0].id)");
            }
            String key = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            pointer.append('/').append(key.replace("~", "~0").replace("/", "~1"));
            at = m.end();
        }
        return JsonPointer.compile(pointer.toString());
    }

    /** Header lookups over raw "Name: value" lines, names case-insensitive. */
    static final class Headers {
        private Headers() {}

        static String value(List<String> lines, String name) {
            String lower = name.toLowerCase(Locale.ROOT);
            for (String line : lines) {
                int colon = line.indexOf(':');
                if (colon == name.length()
                        && line.substring(0, colon).toLowerCase(Locale.ROOT).equals(lower)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }
}
