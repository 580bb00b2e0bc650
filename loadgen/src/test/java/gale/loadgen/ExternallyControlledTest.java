package gale.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import gale.loadgen.api.ApiException;
import gale.loadgen.api.RunStatus;
import gale.loadgen.api.StatusApi;
import gale.loadgen.api.StatusClient;
import gale.loadgen.api.StatusPatch;
import gale.loadgen.plan.ExecutorSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * k6's externally-controlled executor driven through the real API on 127.0.0.1, against a real server that answers
 * after 20 ms (so VUs spend their time in iterations and the counts move slowly enough to watch).
 */
class ExternallyControlledTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private CountingServer server;
    private StatusApi api;
    private StatusClient client;
    private LoadRun run;

    @BeforeEach
    void start() throws InterruptedException {
        server = new CountingServer().delay(20);
        api = StatusApi.start(new InetSocketAddress("127.0.0.1", 0));
        client = new StatusClient(api.address());
    }

    @AfterEach
    void stop() {
        if (run != null) {
            run.stop();
        }
        api.close();
        server.close();
    }

    private void start(ExecutorSpec executor) {
        run = LoadRun.start(
                Plans.one(server.url("/"), executor),
                LoadOutput.quiet(new PrintStream(printed, true, StandardCharsets.UTF_8)));
        api.attach(run.control());
    }

    @Test
    void scaleUpAndDownShowsInTheLiveVusAndTheSummarysVusMax() {
        start(new ExecutorSpec.ExternallyControlled(2, 10, Duration.ZERO));
        await().atMost(WAIT).until(() -> client.status().vusActive() == 2);
        assertThat(client.status().vus()).isEqualTo(2);
        assertThat(client.status().vusMax()).isEqualTo(10);

        RunStatus up = client.patch(new StatusPatch(8, null, null, null));
        assertThat(up.vus()).isEqualTo(8);
        await().atMost(WAIT).until(() -> client.status().vusActive() == 8);
        client.patch(new StatusPatch(3, null, null, null));
        await().atMost(WAIT).until(() -> client.status().vusActive() == 3);
        assertThat(client.status().vusAllocated()).isEqualTo(8);

        assertThatThrownBy(() -> client.patch(new StatusPatch(11, null, null, null)))
                .isInstanceOf(ApiException.class)
                .hasMessage("vus: 11 (expected: 0 to maxVUs, 10; maxVUs is fixed by the plan's externally-controlled"
                        + " scenario)")
                .extracting(e -> ((ApiException) e).status())
                .isEqualTo(422);
        assertThatThrownBy(() -> client.patch(new StatusPatch(null, 20, null, null)))
                .hasMessageStartingWith("vus-max: 20 (expected: 10: maxVUs is fixed by the plan");
        assertThat(client.status().vus()).isEqualTo(3);

        RunStatus stopping = client.patch(new StatusPatch(null, null, null, true));
        assertThat(stopping.stopped()).isTrue();
        LoadResult result = run.await();
        run = null;

        assertThat(result.interrupted()).isFalse();
        assertThat(result.results().gauge("vus_max").max()).isEqualTo(8);
        assertThat(result.results().count("http_reqs")).isPositive().isEqualTo(server.received());
        assertThat(result.results().rate("http_req_failed", java.util.Map.of())[0])
                .isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("vus_max");
        assertThat(client.status().running()).isFalse();
        assertThatThrownBy(() -> client.patch(new StatusPatch(2, null, null, null)))
                .hasMessage("the test has ended: nothing to change");
    }

    @Test
    void pauseHoldsIterationsWithoutFailingThemAndResumeGoesOn() {
        start(new ExecutorSpec.ExternallyControlled(3, 3, Duration.ofMinutes(5)));
        await().atMost(WAIT).until(() -> client.status().iterations() > 20);

        assertThat(client.patch(new StatusPatch(null, null, true, null)).paused())
                .isTrue();
        await().atMost(WAIT).until(() -> client.status().vusActive() == 0);
        RunStatus paused = client.status();
        await().during(Duration.ofMillis(1500))
                .atMost(WAIT)
                .until(() -> client.status().iterations() == paused.iterations()
                        && client.status().httpReqs() == paused.httpReqs());
        assertThat(server.received()).isEqualTo(paused.httpReqs());

        client.patch(new StatusPatch(null, null, false, null));
        await().atMost(WAIT).until(() -> client.status().iterations() > paused.iterations() + 20);
        assertThat(client.status().paused()).isFalse();

        client.patch(new StatusPatch(null, null, null, true));
        LoadResult result = run.await();
        run = null;
        assertThat(result.interrupted()).isFalse();
        assertThat(result.results().rate("http_req_failed", java.util.Map.of())[0])
                .isZero();
        assertThat(result.results().count("iterations")).isGreaterThan(paused.iterations() + 20);
    }

    @Test
    void stopEndsAnyTestWithItsSummaryWhileVusAndPauseNeedTheExecutor() {
        start(new ExecutorSpec.ConstantVus(2, Duration.ofMinutes(10)));
        await().atMost(WAIT).until(() -> client.status().httpReqs() > 10);

        assertThatThrownBy(() -> client.patch(new StatusPatch(4, null, null, null)))
                .hasMessageStartingWith("this test has no externally-controlled scenario, so only stop applies")
                .extracting(e -> ((ApiException) e).status())
                .isEqualTo(409);
        assertThatThrownBy(() -> client.patch(new StatusPatch(null, null, true, null)))
                .hasMessageStartingWith("this test has no externally-controlled scenario");

        client.patch(new StatusPatch(null, null, null, true));
        LoadResult result = run.await();
        run = null;
        assertThat(result.interrupted()).isFalse();
        assertThat(result.exitCode()).isZero();
        assertThat(result.results().count("http_reqs")).isEqualTo(server.received());
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("http_reqs");
    }
}
