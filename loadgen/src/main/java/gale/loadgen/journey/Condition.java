package gale.loadgen.journey;

import java.util.Map;

/**
 * When a step runs (k6's {@code if}): {@code ${code}} runs it when the rendered text is not empty, {@code ${a} ==
 * text} and {@code ${a} != text} compare rendered text, each side a {@link Template}.
 */
public record Condition(String expression, Template left, Template right, boolean equal) {

    public static Condition parse(String expression) {
        String e = expression.trim();
        int eq = e.indexOf("==");
        int ne = e.indexOf("!=");
        if (eq >= 0) {
            return new Condition(e, side(e.substring(0, eq)), side(e.substring(eq + 2)), true);
        }
        if (ne >= 0) {
            return new Condition(e, side(e.substring(0, ne)), side(e.substring(ne + 2)), false);
        }
        return new Condition(e, Template.of(e), null, false);
    }

    private static Template side(String text) {
        String t = text.trim();
        if (t.length() >= 2 && (t.startsWith("'") && t.endsWith("'") || t.startsWith("\"") && t.endsWith("\""))) {
            t = t.substring(1, t.length() - 1);
        }
        return Template.of(t);
    }

    public boolean test(Map<String, String> vars) {
        String l = left.render(vars);
        if (right == null) {
            return !l.isEmpty();
        }
        return l.equals(right.render(vars)) == equal;
    }
}
