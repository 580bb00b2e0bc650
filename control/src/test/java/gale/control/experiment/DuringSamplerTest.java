package gale.control.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import gale.control.admin.AdminClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sampler of the state probes against a real HTTP server standing in for a stack's admin API: a read it does not
 * answer is no sample, and a window with no answered read does not hold.
 */
class DuringSamplerTest {

    private static final String TWO_HEALTHY = "{\"targets\":[{\"targetGroup\":\"web\",\"state\":\"HEALTHY\"},"
            + "{\"targetGroup\":\"web\",\"state\":\"HEALTHY\"}],\"tasks\":[]}";

    private final AtomicInteger reads = new AtomicInteger();
    private HttpServer admin;

    @AfterEach
    void stop() {
        admin.stop(0);
    }

    @Test
    void aReadTheStackDidNotAnswerIsNoSample() throws IOException {
        // The first read fails as a busy or closing admin API does; every later one answers.
        start(read -> read == 1 ? 503 : 200);

        List<ProbeCheck> checks = sampleUntil(() -> reads.get() >= 4);

        ProbeCheck check = checks.getFirst();
        assertThat(check.held()).as(check.note()).isTrue();
        assertThat(check.value()).isEqualTo(2);
        assertThat(check.samples()).hasSizeBetween(3, reads.get() - 1);
    }

    @Test
    void aWindowWithNoAnsweredReadDoesNotHold() throws IOException {
        start(read -> 503);

        List<ProbeCheck> checks = sampleUntil(() -> reads.get() >= 3);

        ProbeCheck check = checks.getFirst();
        assertThat(check.held()).isFalse();
        assertThat(check.value()).isNaN();
        assertThat(check.samples()).isEmpty();
    }

    private void start(java.util.function.IntUnaryOperator statusOfRead) throws IOException {
        admin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        admin.createContext("/api/status", exchange -> {
            int status = statusOfRead.applyAsInt(reads.incrementAndGet());
            byte[] body = (status == 200 ? TWO_HEALTHY : "{\"error\":\"busy\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        admin.start();
    }

    private List<ProbeCheck> sampleUntil(java.util.concurrent.Callable<Boolean> done) {
        Probe probe = new Probe(
                "two healthy targets",
                new Measure(Measure.Kind.HEALTHY_TARGETS, Measure.DEFAULT_PERCENTILE, "web", Map.of()),
                Map.of(Phase.DURING, new Tolerance(2.0, null)),
                Window.WHOLE);
        Hypothesis hypothesis = new Hypothesis(
                "t",
                List.of(probe),
                Hypothesis.DEFAULT_SAMPLE_VUS,
                Hypothesis.DEFAULT_SAMPLE_DURATION,
                Hypothesis.DEFAULT_SAMPLE_PATH,
                Duration.ofMillis(100),
                Hypothesis.DEFAULT_RECOVERY);
        AdminClient client = new AdminClient(
                URI.create("http://127.0.0.1:" + admin.getAddress().getPort() + "/"), Optional.empty());
        try (DuringSampler sampler =
                new DuringSampler(hypothesis, new StateProbes(client), System.currentTimeMillis())) {
            await().atMost(Duration.ofSeconds(10)).until(done);
            return sampler.checks();
        }
    }
}
