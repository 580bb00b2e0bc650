package gale.monitor.notify;

import static java.util.Objects.requireNonNull;

import java.net.URI;

/**
 * One named notifier, e.g. {@code ops: { discord: "http://127.0.0.1:9099/api/webhooks/1/token" }}. The URL is
 * required for discord, slack and webhook, and ignored for log. Null backoff and queue capacity take their defaults.
 */
public record NotifierConfig(String name, NotifierKind kind, URI url, DeliveryRetry backoff, Integer queueCapacity) {
    public static final int DEFAULT_QUEUE_CAPACITY = 100;

    public NotifierConfig {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("notifiers: '" + name + "' (expected: a name)");
        }
        requireNonNull(kind, "notifiers." + name + ".kind");
        if (kind != NotifierKind.LOG) {
            String scheme = url == null ? null : url.getScheme();
            if (url == null || url.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
                throw new IllegalArgumentException(
                        "notifiers." + name + "." + kind.id() + ": " + url + " (expected: an http or https URL)");
            }
        }
        backoff = backoff == null ? DeliveryRetry.DEFAULT : backoff;
        queueCapacity = queueCapacity == null ? DEFAULT_QUEUE_CAPACITY : queueCapacity;
        if (queueCapacity < 1) {
            throw new IllegalArgumentException(
                    "notifiers." + name + ".queueCapacity: " + queueCapacity + " (expected: >= 1)");
        }
    }

    public static NotifierConfig of(String name, NotifierKind kind, String url) {
        return new NotifierConfig(name, kind, url == null ? null : URI.create(url), null, null);
    }
}
