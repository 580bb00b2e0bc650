package gale.loadgen.journey;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A VU's cookies, per host: what {@code Set-Cookie} stored is sent back as {@code Cookie} to the same host.
 * Attributes other than {@code Max-Age=0} (which deletes) are not applied: paths, domains and expiry do not matter
 * within one iteration of a test, and the jar is emptied at each iteration's start, as k6's is.
 */
final class CookieJar {

    private final Map<String, Map<String, String>> byHost = new HashMap<>();

    void clear() {
        byHost.clear();
    }

    /** Stores the cookies of a response's {@code Set-Cookie} header lines. */
    void store(String host, List<String> headerLines) {
        for (String line : headerLines) {
            int colon = line.indexOf(':');
            if (colon != 10 || !line.substring(0, colon).equalsIgnoreCase("set-cookie")) {
                continue;
            }
            String[] attributes = line.substring(colon + 1).split(";");
            int eq = attributes[0].indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = attributes[0].substring(0, eq).trim();
            String value = attributes[0].substring(eq + 1).trim();
            boolean delete = false;
            for (int i = 1; i < attributes.length; i++) {
                String a = attributes[i].trim().toLowerCase(Locale.ROOT).replace(" ", "");
                delete |= a.equals("max-age=0") || a.startsWith("max-age=-");
            }
            Map<String, String> jar = byHost.computeIfAbsent(host, h -> new LinkedHashMap<>());
            if (delete) {
                jar.remove(name);
            } else {
                jar.put(name, value);
            }
        }
    }

    /** The {@code Cookie} header's value for {@code host}, or null when it has none. */
    String header(String host) {
        Map<String, String> jar = byHost.get(host);
        if (jar == null || jar.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        jar.forEach((k, v) ->
                out.append(out.isEmpty() ? "" : "; ").append(k).append('=').append(v));
        return out.toString();
    }
}
