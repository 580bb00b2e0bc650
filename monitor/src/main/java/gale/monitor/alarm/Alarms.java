package gale.monitor.alarm;

import static java.util.Objects.requireNonNull;

import gale.monitor.series.SeriesReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stack's alarms: each starts in INSUFFICIENT_DATA, is evaluated against the series on every
 * {@link #evaluate()} (once a second when {@linkplain #schedule scheduled}), and each state change goes to the
 * listeners with its reason.
 */
public final class Alarms {
    public static final Duration DEFAULT_EVALUATION_INTERVAL = Duration.ofSeconds(1);
    static final String INITIAL_REASON = "Unchecked: Initial alarm creation";

    private static final Logger log = LoggerFactory.getLogger(Alarms.class);

    private final SeriesReader series;
    private final Clock clock;
    private final Map<String, AlarmStatus> alarms = new ConcurrentHashMap<>();
    private final List<AlarmListener> listeners = new CopyOnWriteArrayList<>();

    public Alarms(SeriesReader series, Clock clock) {
        this.series = requireNonNull(series, "series");
        this.clock = requireNonNull(clock, "clock");
    }

    public void addListener(AlarmListener listener) {
        listeners.add(requireNonNull(listener, "listener"));
    }

    /** Adds (or replaces) an alarm; it starts in INSUFFICIENT_DATA. */
    public void add(AlarmConfig alarm) {
        requireNonNull(alarm, "alarm");
        alarms.put(alarm.name(), new AlarmStatus(alarm, AlarmState.INSUFFICIENT_DATA, INITIAL_REASON, clock.instant()));
    }

    public void addAll(Collection<AlarmConfig> configs) {
        configs.forEach(this::add);
    }

    public void remove(String name) {
        alarms.remove(name);
    }

    public Optional<AlarmStatus> status(String name) {
        return Optional.ofNullable(alarms.get(name));
    }

    /** Every alarm's state, by name. */
    public List<AlarmStatus> statuses() {
        return alarms.values().stream()
                .sorted(java.util.Comparator.comparing(s -> s.alarm().name()))
                .toList();
    }

    /** Evaluates every alarm once, now; returns the changes (also given to the listeners). */
    public synchronized List<AlarmStateChange> evaluate() {
        Instant now = clock.instant();
        List<AlarmStateChange> changes = new java.util.ArrayList<>();
        for (AlarmStatus status : statuses()) {
            AlarmConfig alarm = status.alarm();
            AlarmEvaluator.Evaluation next = AlarmEvaluator.evaluate(alarm, series, now, status.state());
            if (next.state() == null || next.state() == status.state()) {
                continue;
            }
            // replace() keeps an alarm removed meanwhile removed.
            if (alarms.replace(alarm.name(), status, new AlarmStatus(alarm, next.state(), next.reason(), now))) {
                changes.add(new AlarmStateChange(alarm, status.state(), next.state(), next.reason(), now));
            }
        }
        for (AlarmStateChange change : changes) {
            log.info(
                    "Alarm {} went from {} to {}: {}",
                    change.alarmName(),
                    change.previous(),
                    change.state(),
                    change.reason());
            for (AlarmListener listener : listeners) {
                try {
                    listener.onStateChange(change);
                } catch (RuntimeException e) {
                    log.warn(
                            "Alarm listener {} failed on {} of alarm {}",
                            listener,
                            change.state(),
                            change.alarmName(),
                            e);
                }
            }
        }
        return changes;
    }

    /** Evaluates every {@code interval} on {@code executor}; cancel the future to stop. */
    public ScheduledFuture<?> schedule(ScheduledExecutorService executor, Duration interval) {
        long millis = interval.toMillis();
        return executor.scheduleWithFixedDelay(
                () -> {
                    try {
                        evaluate();
                    } catch (RuntimeException e) {
                        log.warn("Alarm evaluation failed; it runs again in {} ms", millis, e);
                    }
                },
                millis,
                millis,
                TimeUnit.MILLISECONDS);
    }
}
