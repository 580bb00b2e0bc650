package gale.loadgen.journey;

import static org.assertj.core.api.Assertions.assertThat;

import gale.loadgen.LoadOutput;
import gale.loadgen.LoadResult;
import gale.loadgen.LoadRun;
import gale.loadgen.metrics.Results;
import gale.loadgen.plan.LoadPlan;
import gale.loadgen.plan.PlanParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Journeys against a real stateful server: variables, captures, cookies, checks, groups, batches, feeders. */
class JourneyRunTest {

    @TempDir
    Path dir;

    private ShopServer server;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        server = new ShopServer();
        Files.writeString(dir.resolve("users.csv"), "user,password\nada,x1\n\"grace, h\",x2\nlinus,x3\n");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private LoadResult run(String plan) {
        LoadPlan parsed = new PlanParser().parse(plan.replace("BASE", server.base()), dir);
        return LoadRun.run(parsed, LoadOutput.quiet(new PrintStream(printed, true, StandardCharsets.UTF_8)));
    }

    @Test
    void carriesCapturedValuesAndCookiesFromStepToStep() {
        LoadResult r = run("""
                feeders:
                  users: {file: users.csv, strategy: circular}
                scenarios:
                  shop:
                    executor: shared-iterations
                    vus: 2
                    iterations: 6
                    steps:
                      - feed: users
                      - name: login
                        method: POST
                        url: BASE/login
                        body: ${user}
                        capture:
                          session: {header: X-Session}
                        checks: {status: 200, bodyContains: "welcome ${user}"}
                      - name: me
                        url: BASE/me
                        checks: {status: 200, bodyContains: "you are ${user}"}
                      - group: browse
                        repeat: 2
                        steps:
                          - name: create
                            method: POST
                            url: BASE/items
                            body: {name: "${user}'s"}
                            capture:
                              id: {json: $.item.id}
                              where: {header: location}
                              label: {regex: '"name": "([^"]+)"'}
                            checks:
                              status: 201
                              header: {Location: "/items/${id}"}
                          - name: read
                            url: BASE${where}
                            checks: {status: 200, bodyContains: "item ${id}"}
                          - think: {uniform: {min: 1ms, max: 5ms}}
                      - batch:
                          - {name: batch-a, url: "BASE/items/${id}", checks: {status: 200}}
                          - {name: batch-b, url: BASE/me, checks: {status: 200}}
                      - name: never
                        if: ${session} == nobody
                        url: BASE/me
                """);

        Results results = r.results();
        assertThat(results.rate("http_req_failed", Map.of())[0]).isZero();
        long[] checks = results.rate("checks", Map.of());
        assertThat(checks[1]).isEqualTo(6 * (2 + 2) + 12 * (2 + 2) + 12);
        assertThat(checks[0]).isEqualTo(checks[1]);
        assertThat(results.count("http_reqs", Map.of("name", "login"))).isEqualTo(6);
        assertThat(results.count("http_reqs", Map.of("name", "create"))).isEqualTo(12);
        assertThat(results.count("http_reqs", Map.of("name", "read"))).isEqualTo(12);
        assertThat(results.count("http_reqs", Map.of("name", "batch-a"))).isEqualTo(6);
        assertThat(results.count("http_reqs", Map.of("name", "never"))).isZero();
        assertThat(server.hits("GET /me")).isEqualTo(12);
        assertThat(server.hits("GET /items/N")).isEqualTo(18);
        assertThat(results.trend("group_duration", Map.of("group", "browse")).count())
                .isEqualTo(12);
        assertThat(results.count("iterations")).isEqualTo(6);
        String summary = printed.toString(StandardCharsets.UTF_8);
        assertThat(summary).contains("█ STEPS", "group browse", "group_duration");
        assertThat(summary).containsPattern("shop\\s+login\\s+6\\s+0\\s+12\\s+0");
    }

    @Test
    void aQueueFeederThatRunsOutEndsTheScenario() {
        long started = System.nanoTime();
        LoadResult r = run("""
                feeders:
                  users: {file: users.csv}
                scenarios:
                  once-each:
                    executor: constant-vus
                    vus: 2
                    duration: 60s
                    steps:
                      - feed: users
                      - {name: login, method: POST, url: BASE/login, body: "${user}"}
                """);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        assertThat(r.results().count("http_reqs")).isEqualTo(3);
        assertThat(server.hits("POST /login")).isEqualTo(3);
    }

    @Test
    void aCaptureThatFindsNothingUnsetsItsVariableSoIfSkipsTheStep() {
        LoadResult r = run("""
                scenarios:
                  s:
                    executor: per-vu-iterations
                    vus: 1
                    iterations: 3
                    steps:
                      - name: nothing
                        url: BASE/me
                        capture: {who: {regex: 'you are (\\w+)'}}
                      - name: only-when-known
                        if: ${who}
                        url: BASE/me
                      - name: when-unknown
                        if: ${who} == ''
                        url: BASE/me
                """);

        assertThat(r.results().count("http_reqs", Map.of("name", "only-when-known")))
                .isZero();
        assertThat(r.results().count("http_reqs", Map.of("name", "when-unknown")))
                .isEqualTo(3);
    }
}
