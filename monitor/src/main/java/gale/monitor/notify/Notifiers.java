package gale.monitor.notify;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import gale.monitor.alarm.AlarmListener;
import gale.monitor.alarm.AlarmStateChange;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stack's notifiers by name, and the alarm listener that hands each state change to the notifiers its alarm
 * names ({@code notify: [ops]}).
 */
public final class Notifiers implements AlarmListener, AutoCloseable {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(Notifiers.class);

    private final Map<String, Notifier> byName;
    private final HttpClient client;
    private final Set<String> warnedUnknown = ConcurrentHashMap.newKeySet();

    private Notifiers(Map<String, Notifier> byName, HttpClient client) {
        this.byName = byName;
        this.client = client;
    }

    /** Starts one notifier per config (each with its queue and thread), sharing one HTTP client. */
    public static Notifiers start(List<NotifierConfig> configs) {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        ObjectMapper json = new ObjectMapper();
        Map<String, Notifier> byName = new LinkedHashMap<>();
        for (NotifierConfig config : configs) {
            if (byName.containsKey(config.name())) {
                throw new IllegalArgumentException(
                        "notifiers." + config.name() + ": defined twice (expected: unique names)");
            }
            byName.put(config.name(), create(config, client, json));
        }
        return new Notifiers(Map.copyOf(byName), client);
    }

    private static Notifier create(NotifierConfig config, HttpClient client, ObjectMapper json) {
        return switch (config.kind()) {
            case DISCORD -> new HttpNotifier(config, new DiscordFormat(json), client, json);
            case SLACK -> new HttpNotifier(config, new SlackFormat(json), client, json);
            case WEBHOOK -> new HttpNotifier(config, new WebhookFormat(json), client, json);
            case LOG -> new LogNotifier(config.name());
        };
    }

    public Optional<Notifier> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Queues the change on each notifier the alarm names; unknown names get one WARN. Never blocks. */
    @Override
    public void onStateChange(AlarmStateChange change) {
        requireNonNull(change, "change");
        for (String name : change.alarm().notifiers()) {
            Notifier notifier = byName.get(name);
            if (notifier != null) {
                notifier.send(change);
            } else if (warnedUnknown.add(change.alarmName() + "/" + name)) {
                log.warn(
                        "Alarm {} notifies {}, which is no notifier (known: {})",
                        change.alarmName(),
                        name,
                        byName.keySet());
            }
        }
    }

    @Override
    public void close() {
        byName.values().forEach(Notifier::close);
        client.shutdownNow();
    }
}
