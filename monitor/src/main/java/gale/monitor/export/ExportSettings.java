package gale.monitor.export;

import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * What the exported Prometheus and Alertmanager files point at. Null fields take their defaults.
 *
 * @param controlPlane the admin address Prometheus scrapes ({@code /metrics}) and discovers tasks from
 *     ({@code /api/sd})
 * @param scrapeInterval how often Prometheus scrapes and evaluates rules (whole seconds)
 * @param alertmanager where Prometheus sends alerts
 * @param discordWebhook the Discord webhook Alertmanager posts to; null writes a placeholder to replace
 */
public record ExportSettings(String controlPlane, Duration scrapeInterval, String alertmanager, URI discordWebhook) {
    public static final String DEFAULT_CONTROL_PLANE = "127.0.0.1:8081";
    public static final Duration DEFAULT_SCRAPE_INTERVAL = Duration.ofSeconds(5);
    public static final String DEFAULT_ALERTMANAGER = "127.0.0.1:9093";
    /** Written when no Discord notifier is configured; Alertmanager accepts it, Discord will not. */
    public static final URI PLACEHOLDER_WEBHOOK = URI.create("https://discord.com/api/webhooks/ID/TOKEN");

    public static final ExportSettings DEFAULTS = new ExportSettings(null, null, null, null);

    private static final Pattern HOST_PORT = Pattern.compile("^[^\\s/:]+:\\d{1,5}$");

    public ExportSettings {
        controlPlane = hostPort("controlPlane", controlPlane, DEFAULT_CONTROL_PLANE);
        alertmanager = hostPort("alertmanager", alertmanager, DEFAULT_ALERTMANAGER);
        scrapeInterval = scrapeInterval == null ? DEFAULT_SCRAPE_INTERVAL : scrapeInterval;
        if (scrapeInterval.toMillis() < 1000 || scrapeInterval.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException(
                    "scrapeInterval: " + scrapeInterval + " (expected: whole seconds, at least 1s)");
        }
        discordWebhook = discordWebhook == null ? PLACEHOLDER_WEBHOOK : discordWebhook;
        if (!"http".equals(discordWebhook.getScheme()) && !"https".equals(discordWebhook.getScheme())) {
            throw new IllegalArgumentException(
                    "discordWebhook: " + discordWebhook + " (expected: an http or https URL)");
        }
    }

    private static String hostPort(String field, String value, String fallback) {
        if (value == null) {
            return fallback;
        }
        if (!HOST_PORT.matcher(value).matches()) {
            throw new IllegalArgumentException(field + ": " + value + " (expected: host:port)");
        }
        return value;
    }

    String interval() {
        return scrapeInterval.toSeconds() + "s";
    }
}
