package gale.monitor.series;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.random.RandomGenerator.SplittableGenerator;

/**
 * One-second series in memory, each a ring buffer that keeps {@code retention} of history (an hour by default). Values
 * recorded within a second are aggregated (sum, count, min, max, and a bounded sample for p95). Thread-safe: the
 * balancer's IO threads record while alarms, the autoscaler and the API read. Series that received nothing for a
 * whole retention are dropped, so tasks that come and go do not pile up.
 */
public final class TimeSeriesStore implements SeriesReader {
    public static final Duration DEFAULT_RETENTION = Duration.ofHours(1);
    /** The longest retention: a day of one-second slots per series. */
    public static final Duration MAX_RETENTION = Duration.ofDays(1);
    /** Samples kept per series and second for percentiles. */
    public static final int SAMPLES_PER_SECOND = 64;

    private final Clock clock;
    private final int capacity;
    /** Split for each new series: rings are locked one by one, so each samples with a generator of its own. */
    private final SplittableGenerator random;

    private final ConcurrentMap<SeriesKey, Ring> series = new ConcurrentHashMap<>();
    private volatile long nextEviction;

    /** Made once: a capturing lambda at the call site would be a new object on every record (every request). */
    private final Function<SeriesKey, Ring> newRing;

    /** {@code random} seeds each series' sampling; pass a seeded one for repeatable samples. */
    public TimeSeriesStore(Clock clock, Duration retention, SplittableGenerator random) {
        this.clock = requireNonNull(clock, "clock");
        requireNonNull(retention, "retention");
        if (retention.toSeconds() < 1 || retention.toSeconds() > MAX_RETENTION.toSeconds()) {
            throw new IllegalArgumentException("retention: " + retention + " (expected: 1 s to 1 day)");
        }
        this.capacity = (int) retention.toSeconds();
        this.random = requireNonNull(random, "random");
        this.nextEviction = clock.instant().getEpochSecond() + capacity;
        this.newRing = k -> new Ring(capacity, SAMPLES_PER_SECOND, splitRandom());
    }

    public TimeSeriesStore(Clock clock, Duration retention) {
        this(clock, retention, SplittableGenerator.of("L64X128MixRandom"));
    }

    public TimeSeriesStore(Clock clock) {
        this(clock, DEFAULT_RETENTION);
    }

    public Clock clock() {
        return clock;
    }

    public Duration retention() {
        return Duration.ofSeconds(capacity);
    }

    /** Records {@code value} now. */
    public void record(SeriesKey key, double value) {
        // One clock read: this runs for every proxied request.
        long now = clock.instant().getEpochSecond();
        record(key, now, now, value);
    }

    /** The current epoch second, for a caller that records several values of one event with one clock read. */
    long currentSecond() {
        return clock.instant().getEpochSecond();
    }

    /** Records {@code value} in {@code second}, which the caller read from {@link #currentSecond()} just now. */
    void recordInSecond(SeriesKey key, long second, double value) {
        record(key, second, second, value);
    }

    /**
     * Records {@code value} in the second of {@code at}. Values older than the retention, or from the future beyond a
     * second, are ignored (they would overwrite history that is still kept).
     */
    public void record(SeriesKey key, Instant at, double value) {
        record(key, requireNonNull(at, "at").getEpochSecond(), clock.instant().getEpochSecond(), value);
    }

    private void record(SeriesKey key, long second, long now, double value) {
        requireNonNull(key, "key");
        if (Double.isNaN(value)) {
            return;
        }
        if (second <= now - capacity || second > now + 1) {
            return;
        }
        Ring ring = series.computeIfAbsent(key, newRing);
        synchronized (ring) {
            ring.add(second, value);
        }
        if (now >= nextEviction) {
            evictIdle(now);
        }
    }

    /**
     * Marks this second of a count series as observed: a period with no event then sums to 0 instead of being
     * missing (so an alarm on {@code http_5xx_count} returns to OK rather than INSUFFICIENT_DATA).
     */
    public void touch(SeriesKey key) {
        requireNonNull(key, "key");
        long now = clock.instant().getEpochSecond();
        Ring ring = series.computeIfAbsent(key, newRing);
        synchronized (ring) {
            ring.touch(now);
        }
    }

    @Override
    public List<Datapoint> range(SeriesKey key, Instant from, Instant to) {
        Ring ring = series.get(key);
        if (ring == null) {
            return List.of();
        }
        synchronized (ring) {
            return ring.range(from.getEpochSecond(), ceilSecond(to));
        }
    }

    @Override
    public Statistics statistics(SeriesKey key, Instant from, Instant to) {
        Ring ring = series.get(key);
        if (ring == null) {
            return Statistics.EMPTY;
        }
        synchronized (ring) {
            return ring.statistics(from.getEpochSecond(), ceilSecond(to));
        }
    }

    /**
     * The {@code quantiles} (0-1) of the values recorded in the second of {@code second}, from the samples kept for
     * it; empty when that second holds no value.
     */
    public Optional<double[]> quantiles(SeriesKey key, Instant second, double... quantiles) {
        Ring ring = series.get(key);
        if (ring == null) {
            return Optional.empty();
        }
        synchronized (ring) {
            return Optional.ofNullable(ring.quantiles(second.getEpochSecond(), quantiles.clone()));
        }
    }

    /** Statistics of the last {@code window} up to now, the current (incomplete) second excluded. */
    public Statistics last(SeriesKey key, Duration window) {
        Instant end = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return statistics(key, end.minus(window), end);
    }

    public Set<SeriesKey> keys() {
        return Set.copyOf(series.keySet());
    }

    public Optional<Instant> lastRecorded(SeriesKey key) {
        Ring ring = series.get(key);
        if (ring == null) {
            return Optional.empty();
        }
        synchronized (ring) {
            return Optional.of(Instant.ofEpochSecond(ring.lastSecond()));
        }
    }

    /** Forgets a series now (a task that stopped, an alarm removed). */
    public void remove(SeriesKey key) {
        series.remove(key);
    }

    private void evictIdle(long now) {
        nextEviction = now + capacity;
        series.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                return e.getValue().lastSecond() <= now - capacity;
            }
        });
    }

    /** Series are created by whichever thread records first, and splitting changes the generator. */
    private RandomGenerator splitRandom() {
        synchronized (random) {
            return random.split();
        }
    }

    private static long ceilSecond(Instant t) {
        return t.getNano() == 0 ? t.getEpochSecond() : t.getEpochSecond() + 1;
    }
}
