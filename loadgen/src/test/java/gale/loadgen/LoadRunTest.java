package gale.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import gale.loadgen.metrics.Results;
import gale.loadgen.metrics.SecondRow;
import gale.loadgen.metrics.TrendStats;
import gale.loadgen.plan.Checks;
import gale.loadgen.plan.ExecutorSpec;
import gale.loadgen.plan.LoadPlan;
import gale.loadgen.plan.PlanOptions;
import gale.loadgen.plan.RequestSpec;
import gale.loadgen.plan.Scenario;
import gale.loadgen.plan.Stage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The engine against a real local server that counts what it receives and injects delays and stalls. */
class LoadRunTest {

    private CountingServer server;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws InterruptedException {
        server = new CountingServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private LoadResult run(LoadPlan plan) {
        return LoadRun.run(plan, LoadOutput.quiet(new PrintStream(printed, true, StandardCharsets.UTF_8)));
    }

    @Test
    void countsEveryRequestTheServerReceived() {
        LoadResult r = run(Plans.one(server.url("/"), new ExecutorSpec.ConstantVus(8, Duration.ofMillis(1500))));

        assertThat(r.results().count("http_reqs")).isPositive().isEqualTo(server.received());
        assertThat(r.results().count("iterations")).isEqualTo(server.received());
        assertThat(r.results().rate("http_req_failed", Map.of())[0]).isZero();
        assertThat(r.results().statuses()).containsOnlyKeys(200);
        assertThat(r.results().count("data_received")).isGreaterThan(r.results().count("http_reqs") * 13);
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void reportsLatenciesConsistentWithTheServersInjectedDelay() {
        server.delay(40);
        LoadResult r = run(Plans.one(server.url("/"), new ExecutorSpec.ConstantVus(5, Duration.ofMillis(1500))));

        TrendStats duration = r.results().trend("http_req_duration");
        TrendStats waiting = r.results().trend("http_req_waiting");
        assertThat(duration.min()).isGreaterThanOrEqualTo(39.0);
        assertThat(duration.med()).isBetween(40.0, 60.0);
        assertThat(waiting.med()).isBetween(39.0, 60.0);
        // 5 VUs, one request in flight each, 40 ms apiece: at most 5 / 0.04 = 125 req/s.
        assertThat(r.results().count("http_reqs") / r.results().durationSeconds())
                .isLessThanOrEqualTo(130);
    }

    /** A cold JVM (server and engine interpreted) cannot serve 1,000 req/s at first; measure warm code. */
    private void warmUp() throws InterruptedException {
        run(Plans.one(
                server.url("/"),
                new ExecutorSpec.ConstantArrivalRate(500, Duration.ofSeconds(1), Duration.ofSeconds(2), 20, 500)));
        server.close();
        server = new CountingServer();
    }

    @Test
    void holdsAnArrivalRateOf1000PerSecondWithinOnePercent() throws InterruptedException {
        warmUp();
        var executor =
                new ExecutorSpec.ConstantArrivalRate(1000, Duration.ofSeconds(1), Duration.ofSeconds(3), 50, 2000);
        LoadResult r = run(Plans.one(server.url("/"), executor));

        assertThat(r.results().count("iterations"))
                .as(printed.toString(StandardCharsets.UTF_8))
                .isCloseTo(3000, within(30L));
        assertThat(r.results().count("http_reqs")).isEqualTo(server.received());
        // Open-model blocked time runs from each iteration's intended start to its send: requests leave on schedule.
        assertThat(r.results().trend("http_req_blocked").med()).isLessThan(5.0);
        assertThat(server.arrivalRate()).isCloseTo(1000.0, within(10.0));
        assertThat(r.results().count("dropped_iterations")).isZero();
    }

    @Test
    void openModelReportsAServerStallInItsP99() throws InterruptedException {
        warmUp();
        server.stall(1000, 1000);
        var executor =
                new ExecutorSpec.ConstantArrivalRate(200, Duration.ofSeconds(1), Duration.ofSeconds(3), 20, 1000);
        LoadResult r = run(Plans.one(server.url("/"), executor));

        // Arrivals kept coming during the stall: every one of them waited for its end.
        assertThat(r.results().count("http_reqs")).isCloseTo(600, within(12L));
        assertThat(r.results().trend("http_req_duration").p99()).isGreaterThan(800.0);
        assertThat(r.results().trend("http_req_duration").p95()).isGreaterThan(500.0);
    }

    @Test
    void closedModelRequestCountDropsVisiblyDuringAServerStall() {
        server.delay(5);
        LoadResult steady = run(Plans.one(server.url("/"), new ExecutorSpec.ConstantVus(4, Duration.ofSeconds(4))));
        // 2.5 s, so that whatever the run's start-up costs, at least one whole second of its series lies inside the
        // stall with no boundary completions in it (a 1.5 s stall could straddle two seconds, each with a few).
        server.stall(800, 2500);
        LoadResult stalled = run(Plans.one(server.url("/"), new ExecutorSpec.ConstantVus(4, Duration.ofSeconds(4))));

        long before = steady.results().count("http_reqs");
        long during = stalled.results().count("http_reqs");
        assertThat(during).isLessThan((long) (before * 0.7));
        // The time series shows the hole: a whole second with (almost) nothing completed.
        assertThat(stalled.series().stream()
                        .mapToLong(SecondRow::requests)
                        .min()
                        .orElseThrow())
                .isLessThanOrEqualTo(4);
    }

    @Test
    void rampsVusAlongStagesAndReportsOneRowPerStage() {
        var executor = new ExecutorSpec.RampingVus(
                0,
                List.of(
                        new Stage(Duration.ofMillis(500), Duration.ofSeconds(1), 4),
                        Stage.linear(Duration.ofSeconds(1), 8)));
        server.delay(10);
        LoadResult r = run(Plans.one(server.url("/"), executor));

        assertThat(r.results().gauge("vus").max()).isBetween(6, 8);
        assertThat(r.results().gauge("vus_max").value()).isEqualTo(8);
        assertThat(r.results().stages()).hasSize(2);
        assertThat(r.results().stages().get(0).shape()).isEqualTo("ramp 500ms, hold 500ms");
        assertThat(r.results().stages().get(1).samples())
                .isGreaterThan(r.results().stages().get(0).samples());
        assertThat(r.results().count("http_reqs")).isEqualTo(server.received());
    }

    @Test
    void runsExactlyTheIterationsOfIterationExecutors() {
        LoadResult perVu =
                run(Plans.one(server.url("/"), new ExecutorSpec.PerVuIterations(3, 7, Duration.ofSeconds(10))));
        assertThat(perVu.results().count("iterations")).isEqualTo(21);
        assertThat(server.received()).isEqualTo(21);

        LoadResult shared =
                run(Plans.one(server.url("/"), new ExecutorSpec.SharedIterations(4, 50, Duration.ofSeconds(10))));
        assertThat(shared.results().count("iterations")).isEqualTo(50);
        assertThat(server.received()).isEqualTo(71);
    }

    @Test
    void runsSeveralScenariosAtOnceWithTagsAndChecks() {
        RequestSpec ok = new RequestSpec(
                "ok", "GET", server.url("/"), Map.of(), null, new Checks(Set.of(200), "Hello"), Map.of());
        RequestSpec missing = new RequestSpec(
                "missing",
                "GET",
                server.url("/status/404"),
                Map.of(),
                null,
                new Checks(Set.of(200), null),
                Map.of("kind", "broken"));
        Scenario a = new Scenario(
                "api",
                new ExecutorSpec.SharedIterations(2, 20, Duration.ofSeconds(10)),
                List.of(ok),
                null,
                null,
                null,
                Map.of("team", "web"));
        Scenario b = new Scenario(
                "other",
                new ExecutorSpec.PerVuIterations(1, 5, Duration.ofSeconds(10)),
                List.of(missing),
                null,
                Duration.ofMillis(200),
                null,
                Map.of());
        LoadResult r = run(new LoadPlan(List.of(a, b), List.of(), PlanOptions.DEFAULTS));

        Results res = r.results();
        assertThat(res.count("http_reqs", Map.of("scenario", "api"))).isEqualTo(20);
        assertThat(res.count("http_reqs", Map.of("team", "web"))).isEqualTo(20);
        assertThat(res.count("http_reqs", Map.of("kind", "broken"))).isEqualTo(5);
        assertThat(res.rate("http_req_failed", Map.of("scenario", "other"))).containsExactly(5, 5);
        assertThat(res.checks()).containsKeys("status is 200", "body contains 'Hello'");
        assertThat(res.rate("checks", Map.of())).containsExactly(40, 45);
        assertThat(res.errorKinds()).containsEntry("4xx", 5L);
    }

    @Test
    void countsRefusedConnectionsAsFailedRequests() throws Exception {
        var url = server.url("/");
        server.close();
        LoadResult r = run(Plans.one(url, new ExecutorSpec.SharedIterations(2, 10, Duration.ofSeconds(10))));

        assertThat(r.results().rate("http_req_failed", Map.of())).containsExactly(10, 10);
        assertThat(r.results().errorKinds()).containsEntry("refused", 10L);
        server = new CountingServer();
    }

    @Test
    void timesOutARequestTheServerNeverAnswers() {
        server.delay(5_000);
        Scenario s = new Scenario(
                "slow",
                new ExecutorSpec.SharedIterations(1, 1, Duration.ofSeconds(10)),
                List.of(RequestSpec.get(server.url("/"))),
                null,
                null,
                null,
                Map.of());
        LoadResult r = run(new LoadPlan(List.of(s), List.of(), new PlanOptions(0, 1, Duration.ofMillis(300), false)));

        assertThat(r.results().errorKinds()).containsEntry("timeout", 1L);
        assertThat(r.results().trend("http_req_duration").max()).isBetween(250.0, 1500.0);
    }

    @Test
    void stopEndsEarlyAndStillReportsWhatRan() {
        LoadRun test = LoadRun.start(
                Plans.one(server.url("/"), new ExecutorSpec.ConstantVus(2, Duration.ofMinutes(5))),
                LoadOutput.quiet(new PrintStream(printed, true, StandardCharsets.UTF_8)));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> server.received() > 20);
        long t0 = System.nanoTime();
        test.stop();
        LoadResult r = test.await();

        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        assertThat(r.interrupted()).isTrue();
        assertThat(r.results().count("http_reqs")).isPositive();
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("interrupted")
                .contains("http_reqs");
    }
}
