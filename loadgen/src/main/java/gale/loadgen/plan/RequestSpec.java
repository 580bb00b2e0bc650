package gale.loadgen.plan;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** One HTTP request of a scenario; {@code name} tags its metrics (k6's {@code name} tag, the URL by default). */
public record RequestSpec(
        String name,
        String method,
        URI url,
        Map<String, String> headers,
        String body,
        Checks checks,
        Map<String, String> tags) {

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    public RequestSpec {
        method = Objects.requireNonNullElse(method, "GET").toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw PlanException.field(
                    "method",
                    method,
                    "one of " + String.join(", ", METHODS.stream().sorted().toList()));
        }
        url = validUrl(url);
        name = name == null || name.isBlank() ? url.toString() : name;
        headers = Map.copyOf(Objects.requireNonNullElse(headers, Map.of()));
        checks = Objects.requireNonNullElse(checks, Checks.NONE);
        tags = Map.copyOf(Objects.requireNonNullElse(tags, Map.of()));
    }

    public static RequestSpec get(URI url) {
        return new RequestSpec(null, "GET", url, Map.of(), null, Checks.NONE, Map.of());
    }

    /** Parses and checks a URL the way the plan and the flags both need: absolute http(s) with a host. */
    public static URI url(String field, String text) {
        try {
            return validUrl(new URI(Objects.requireNonNull(text, field).trim()));
        } catch (java.net.URISyntaxException | PlanException e) {
            throw PlanException.field(field, "'" + text + "'", "an absolute http:// or https:// URL with a host");
        }
    }

    private static URI validUrl(URI url) {
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null || url.getPort() > 65535) {
            throw PlanException.field("url", "'" + url + "'", "an absolute http:// or https:// URL with a host");
        }
        return url;
    }

    /** The port to connect to, the scheme's default when the URL has none. */
    public int port() {
        return url.getPort() > 0 ? url.getPort() : url.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    public boolean tls() {
        return url.getScheme().equalsIgnoreCase("https");
    }
}
