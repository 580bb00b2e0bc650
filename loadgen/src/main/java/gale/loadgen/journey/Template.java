package gale.loadgen.journey;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Text with {@code ${name}} placeholders, split once when the plan is read so a send only concatenates. A
 * placeholder whose variable is not set renders as the empty string; {@code $${} writes a literal {@code ${}.
 */
public final class Template {

    private final String text;
    /** Literal text at even positions, variable names at odd ones. */
    private final String[] parts;

    private Template(String text, String[] parts) {
        this.text = text;
        this.parts = parts;
    }

    /** Splits {@code text}; throws IllegalArgumentException for an unclosed or empty placeholder. */
    public static Template of(String text) {
        Objects.requireNonNull(text, "text");
        List<String> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                literal.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                int end = text.indexOf('}', i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("'" + text + "' (expected: ${name} closed by })");
                }
                String name = text.substring(i + 2, end).trim();
                if (!name.matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
                    throw new IllegalArgumentException(
                            "'${" + name + "}' (expected: a variable name of letters, digits, '_', '.', '-')");
                }
                parts.add(literal.toString());
                parts.add(name);
                literal.setLength(0);
                i = end + 1;
            } else {
                literal.append(text.charAt(i++));
            }
        }
        parts.add(literal.toString());
        return new Template(text, parts.toArray(String[]::new));
    }

    /** Whether the text has no placeholder (it renders to itself). */
    public boolean constant() {
        return parts.length == 1;
    }

    /** The variable names it reads, in order. */
    public List<String> variables() {
        List<String> out = new ArrayList<>();
        for (int i = 1; i < parts.length; i += 2) {
            out.add(parts[i]);
        }
        return out;
    }

    public String render(Map<String, String> vars) {
        if (parts.length == 1) {
            return parts[0];
        }
        StringBuilder out = new StringBuilder(text.length() + 32);
        for (int i = 0; i < parts.length; i++) {
            out.append((i & 1) == 0 ? parts[i] : vars.getOrDefault(parts[i], ""));
        }
        return out.toString();
    }

    /** The text as written, placeholders included. */
    @Override
    public String toString() {
        return text;
    }
}
