package gale.balancer;

import java.util.BitSet;

/** HTTP status codes that count as a passed health check, parsed from {@code 200-399} or {@code 200,204}. */
public final class SuccessCodes {
    private final BitSet codes;
    private final String text;

    private SuccessCodes(BitSet codes, String text) {
        this.codes = codes;
        this.text = text;
    }

    public static SuccessCodes parse(String text) {
        Validate.notBlank(text, "successCodes");
        BitSet codes = new BitSet(600);
        for (String part : text.split(",")) {
            String p = part.strip();
            int dash = p.indexOf('-');
            int from = code(dash < 0 ? p : p.substring(0, dash), text);
            int to = dash < 0 ? from : code(p.substring(dash + 1), text);
            if (to < from) {
                throw invalid(text);
            }
            codes.set(from, to + 1);
        }
        return new SuccessCodes(codes, text);
    }

    private static int code(String s, String text) {
        try {
            int c = Integer.parseInt(s.strip());
            if (c < 100 || c > 599) {
                throw invalid(text);
            }
            return c;
        } catch (NumberFormatException e) {
            throw invalid(text);
        }
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException(
                "successCodes: '" + text + "' (expected: codes 100-599 as ranges or a list, e.g. 200-399 or 200,204)");
    }

    public boolean matches(int status) {
        return status >= 0 && codes.get(status);
    }

    @Override
    public String toString() {
        return text;
    }
}
