package gale.control;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Seed 002's clients: {@code CLIENTS} threads, each sending GET / on its keep-alive connection every {@code PACE}
 * (about 200 requests/s in all, twenty times the seed's k6 script, leaving CPU on a 2-core machine for a replacement
 * task to start), recording every request that got no 2xx answer.
 */
final class KeepAliveLoad {

    static final int CLIENTS = 10;
    private static final Duration PACE = Duration.ofMillis(50);

    /** A request that got no 2xx answer: when it started and ended, and what went wrong. */
    record Failure(Instant start, Instant end, String what) {}

    private final List<Thread> clients = new ArrayList<>();
    private final AtomicLong total = new AtomicLong();
    private final Queue<Failure> failures = new ConcurrentLinkedQueue<>();
    private final Instant started = Instant.now();

    static KeepAliveLoad start(InetSocketAddress address, Duration duration) {
        KeepAliveLoad load = new KeepAliveLoad();
        Instant end = Instant.now().plus(duration);
        for (int i = 0; i < CLIENTS; i++) {
            load.clients.add(Thread.ofPlatform().name("keep-alive-client-" + i).start(() -> load.run(address, end)));
        }
        return load;
    }

    private void run(InetSocketAddress address, Instant end) {
        try (KeepAliveClient client = new KeepAliveClient(address)) {
            while (Instant.now().isBefore(end)) {
                Instant start = Instant.now();
                try {
                    int status = client.get("/");
                    if (status / 100 != 2) {
                        failures.add(new Failure(start, Instant.now(), "HTTP " + status));
                    }
                } catch (IOException e) {
                    failures.add(new Failure(start, Instant.now(), e.toString()));
                }
                total.incrementAndGet();
                LockSupport.parkNanos(PACE.toNanos());
            }
        }
    }

    void awaitEnd() throws InterruptedException {
        for (Thread client : clients) {
            client.join();
        }
    }

    Duration elapsed() {
        return Duration.between(started, Instant.now());
    }

    long total() {
        return total.get();
    }

    List<Failure> failures() {
        return List.copyOf(failures);
    }
}
