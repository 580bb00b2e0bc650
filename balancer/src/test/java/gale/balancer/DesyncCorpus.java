package gale.balancer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The desync corpus: one request per rule, with its classification and each mode's decision, as one Markdown table
 * (desync-corpus.md beside this class) that docs/balancer.md shows as it is. Requests are written with {@code \r},
 * {@code \n}, {@code \t} and {@code \xHH} escapes.
 */
final class DesyncCorpus {
    static final String RESOURCE = "desync-corpus.md";

    /**
     * One case.
     *
     * @param requests how many requests the balancer reads in {@code request} when it forwards it
     * @param decisions per mode: {@code forward}, {@code forward, close} or {@code 400}
     */
    record Case(
            String name,
            String request,
            int requests,
            String classification,
            String reason,
            Map<DesyncMitigationMode, String> decisions) {
        @Override
        public String toString() {
            return name;
        }
    }

    private DesyncCorpus() {}

    /** The table's lines, header included. */
    static List<String> lines() {
        try (InputStream in = DesyncCorpus.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> l.startsWith("|"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (String line : lines().subList(2, lines().size())) {
            String[] c = line.substring(2, line.length() - 2).split(" \\| ", -1);
            if (c.length != 8) {
                throw new IllegalStateException("expected 8 columns: " + line);
            }
            Map<DesyncMitigationMode, String> decisions = new EnumMap<>(DesyncMitigationMode.class);
            decisions.put(DesyncMitigationMode.MONITOR, c[5]);
            decisions.put(DesyncMitigationMode.DEFENSIVE, c[6]);
            decisions.put(DesyncMitigationMode.STRICTEST, c[7]);
            String request = c[1].substring(1, c[1].length() - 1); // without its backticks
            cases.add(new Case(c[0], unescape(request), Integer.parseInt(c[2]), c[3], c[4], decisions));
        }
        return cases;
    }

    static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch != '\\') {
                out.append(ch);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'r' -> out.append('\r');
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'x' -> {
                    out.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                case '\\' -> out.append('\\');
                default -> throw new IllegalArgumentException("escape \\" + e + " in " + s);
            }
        }
        return out.toString();
    }
}
