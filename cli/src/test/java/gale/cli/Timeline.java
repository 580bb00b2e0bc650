package gale.cli;

import gale.loadgen.http.ClientExchange;
import gale.loadgen.metrics.SampleListener;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The load engine's requests counted as they end and sampled every {@link #EVERY_MILLIS} ms, so that a test can count
 * the requests between two of the stack's events (while a canary took traffic, say) from their timestamps.
 */
final class Timeline implements SampleListener, AutoCloseable {

    static final long EVERY_MILLIS = 100;

    private record Sample(Instant at, long requests) {}

    private final LongAdder requests = new LongAdder();
    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "test-timeline");
        t.setDaemon(true);
        return t;
    });

    Timeline() {
        sampler.scheduleAtFixedRate(
                () -> samples.add(new Sample(Instant.now(), requests.sum())), 0, EVERY_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void request(int series, ClientExchange e, boolean[] checks, int count) {
        requests.increment();
    }

    @Override
    public void iteration(int scenario, long nanos) {}

    @Override
    public void group(int series, long nanos) {}

    @Override
    public void dropped(int scenario) {}

    /** From the last sample at or before {@code from} to the first at or after {@code to}: the window, a bit wider. */
    long requestsBetween(Instant from, Instant to) {
        long atStart = 0;
        long atEnd = requests.sum();
        for (Sample s : samples) {
            if (!s.at().isAfter(from)) {
                atStart = s.requests();
            }
            if (!s.at().isBefore(to)) {
                atEnd = s.requests();
                break;
            }
        }
        return atEnd - atStart;
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
