package gale.loadgen.prometheus;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import gale.loadgen.metrics.Results;
import gale.loadgen.output.OutputTarget;
import gale.loadgen.plan.PlanException;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code --out prometheus=HOST:PORT}: {@code GET /metrics} serves the test's metrics under k6's names (OpenMetrics
 * or Prometheus text, as the scraper asks) while it runs. After the end it serves the final totals, the summary's,
 * and {@link #awaitFinalScrape()} keeps it up until a scraper has read them once, so the last scraped counters equal
 * the summary's counts.
 */
public final class PrometheusEndpoint implements AutoCloseable {

    public static final String PATH = "/metrics";

    /** The longest wait for the last scrape, whatever the scrape interval seen. */
    static final Duration MOST_FINAL_WAIT = Duration.ofMinutes(1);

    /** The scrape interval assumed when only one scrape came during the test (Prometheus's default). */
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(15);

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(
            2, r -> Thread.ofPlatform().daemon().name("gale-load-prometheus").unstarted(r));
    private final ExpositionFormats formats = ExpositionFormats.init();
    private final CountDownLatch finalRead = new CountDownLatch(1);
    private volatile Supplier<Snapshot> live = () -> null;
    private volatile Snapshot last;
    /** Guarded by this: when scrapes came, to learn the interval. */
    private long scrapes;

    private long lastScrapeNanos;
    private long gapNanos;

    /** What a scrape shows: totals and the VU gauges at one moment. */
    public record Snapshot(Results results, int vus, int vusMax) {}

    private PrometheusEndpoint(HttpServer server) {
        this.server = server;
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Listens on {@code HOST:PORT} (port 0: a free one); bad input or a taken port throw {@link PlanException}. */
    public static PrometheusEndpoint start(String target) {
        int colon = target.lastIndexOf(':');
        String expected = " (expected: prometheus=HOST:PORT, e.g. prometheus=127.0.0.1:5656)";
        if (colon <= 0) {
            throw new PlanException("--out: 'prometheus=" + target + "'" + expected);
        }
        String host = target.substring(0, colon).replace("[", "").replace("]", "");
        int port;
        try {
            port = Integer.parseInt(target.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new PlanException("--out: 'prometheus=" + target + "'" + expected);
        }
        if (port < 0 || port > 65535) {
            throw new PlanException("--out: prometheus port " + port + " (expected: 0-65535)");
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new PlanException("--out: prometheus host '" + host + "' cannot be resolved" + expected);
        }
        try {
            return new PrometheusEndpoint(HttpServer.create(address, 16));
        } catch (IOException e) {
            throw new PlanException("--out: prometheus=" + target + ": cannot listen (" + e.getMessage() + ")");
        }
    }

    /** The endpoint of the first {@code prometheus=} among {@code outs}, its URL said on {@code progress}; or null. */
    public static PrometheusEndpoint open(List<OutputTarget> outs, PrintStream progress) {
        PrometheusEndpoint endpoint = outs.stream()
                .filter(o -> o.type() == OutputTarget.Type.PROMETHEUS)
                .map(o -> start(o.target()))
                .findFirst()
                .orElse(null);
        if (endpoint != null) {
            InetSocketAddress at = endpoint.address();
            progress.println(
                    "gale load: Prometheus metrics at http://" + at.getHostString() + ":" + at.getPort() + PATH);
        }
        return endpoint;
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** Where the metrics come from while the test runs. */
    public void follow(Supplier<Snapshot> source) {
        this.live = source;
    }

    /** The test ended: from now on every scrape reads these, the summary's totals. */
    void finish(Snapshot finalTotals) {
        this.last = finalTotals;
    }

    /**
     * The test ended: serves the summary's {@code totals} until a scraper has read them (see
     * {@link #awaitFinalScrape()}), saying so on {@code progress}, then stops.
     */
    public void lastScrape(Results totals, PrintStream progress) {
        finish(new Snapshot(
                totals, totals.gauge("vus").value(), totals.gauge("vus_max").value()));
        try {
            Duration wait = finalWait();
            if (!wait.isZero()) {
                progress.println("gale load: waiting up to " + wait.toSeconds()
                        + " s for Prometheus to scrape the final totals");
            }
            awaitFinalScrape();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close();
        }
    }

    /**
     * Waits for a scrape of the final totals when something scraped during the test: up to three times the interval
     * seen between scrapes plus 5 s (a scraper on a busy machine runs late), at most {@link #MOST_FINAL_WAIT}.
     * Returns whether the final totals were read.
     */
    boolean awaitFinalScrape() throws InterruptedException {
        Duration wait = finalWait();
        return !wait.isZero() && finalRead.await(wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** How long {@link #awaitFinalScrape()} may wait, for the line that says so; 0 when it will not. */
    synchronized Duration finalWait() {
        if (scrapes == 0) {
            return Duration.ZERO;
        }
        long gap = gapNanos > 0 ? gapNanos : DEFAULT_INTERVAL.toNanos();
        return Duration.ofNanos(Math.min(3 * gap + TimeUnit.SECONDS.toNanos(5), MOST_FINAL_WAIT.toNanos()));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(PATH)
                    || !exchange.getRequestMethod().equals("GET")) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            Snapshot finalTotals = last;
            Snapshot now = finalTotals != null ? finalTotals : live.get();
            if (now == null) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            ExpositionFormatWriter writer =
                    formats.findWriter(exchange.getRequestHeaders().getFirst("Accept"));
            ByteArrayOutputStream body = new ByteArrayOutputStream(16 * 1024);
            writer.write(body, K6Metrics.of(now.results(), now.vus(), now.vusMax()));
            exchange.getResponseHeaders().add("Content-Type", writer.getContentType());
            exchange.sendResponseHeaders(200, body.size());
            try (OutputStream out = exchange.getResponseBody()) {
                body.writeTo(out);
            }
            scraped();
            if (finalTotals != null) {
                finalRead.countDown();
            }
        }
    }

    private synchronized void scraped() {
        long now = System.nanoTime();
        if (scrapes > 0) {
            gapNanos = now - lastScrapeNanos;
        }
        lastScrapeNanos = now;
        scrapes++;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
