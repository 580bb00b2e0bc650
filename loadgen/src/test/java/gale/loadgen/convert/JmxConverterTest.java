package gale.loadgen.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import gale.loadgen.LoadOutput;
import gale.loadgen.LoadResult;
import gale.loadgen.LoadRun;
import gale.loadgen.plan.ExecutorSpec;
import gale.loadgen.plan.LoadPlan;
import gale.loadgen.plan.PlanParser;
import gale.loadgen.plan.Scenario;
import gale.loadgen.plan.Stage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JMeter 5.6.3 plan (seed 000's five stages as consecutive thread groups) converted, then run. */
class JmxConverterTest {

    private static final Path FIXTURES = Path.of("src", "test", "resources", "jmeter");

    @TempDir
    Path dir;

    @Test
    void seed000sThreadGroupsBecomeConsecutiveRampingScenarios() {
        JmxConverter.Conversion c = JmxConverter.convert(FIXTURES.resolve("seed000-stages.jmx"));
        LoadPlan plan = new PlanParser().parse(c.yaml(), FIXTURES);

        assertThat(plan.scenarios())
                .extracting(Scenario::name)
                .containsExactly(
                        "Stage-1-50-users",
                        "Stage-2-100-users",
                        "Stage-3-200-users",
                        "Stage-4-300-users",
                        "Stage-5-500-users");
        assertThat(plan.scenarios())
                .extracting(
                        s -> ((ExecutorSpec.RampingVus) s.executor()).stages().getFirst())
                .extracting(Stage::target, Stage::rampUp, Stage::duration)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(50L, Duration.ofSeconds(10), Duration.ofSeconds(180)),
                        org.assertj.core.groups.Tuple.tuple(100L, Duration.ofSeconds(10), Duration.ofSeconds(180)),
                        org.assertj.core.groups.Tuple.tuple(200L, Duration.ofSeconds(15), Duration.ofSeconds(180)),
                        org.assertj.core.groups.Tuple.tuple(300L, Duration.ofSeconds(20), Duration.ofSeconds(180)),
                        org.assertj.core.groups.Tuple.tuple(500L, Duration.ofSeconds(30), Duration.ofSeconds(300)));
        assertThat(plan.scenarios())
                .extracting(s -> s.startTime().toSeconds())
                .containsExactly(0L, 180L, 360L, 540L, 720L);
        Scenario first = plan.scenarios().getFirst();
        assertThat(first.requests())
                .extracting(r -> r.method() + " " + r.url())
                .containsExactly(
                        "GET http://127.0.0.1:8080/",
                        "POST http://127.0.0.1:8080/urls",
                        "GET http://127.0.0.1:8080/u/$%7Bcode%7D");
        assertThat(first.requests().get(1).checks().status()).containsExactly(201);
        assertThat(first.requests().get(0).checks().bodyContains()).isEqualTo("Hello");
        assertThat(c.yaml())
                .contains(
                        "feed: urls",
                        "code:",
                        "json: $.code",
                        "uniform:",
                        "min: 500ms",
                        "max: 1500ms",
                        "Content-Type: application/json");
        assertThat(c.notConverted())
                .anySatisfy(n -> assertThat(n).contains("Summary Report").contains("listener ResultCollector"))
                .anySatisfy(n -> assertThat(n).contains("variableNames 'url'"));
    }

    @Test
    void theConvertedPlanRunsWithEveryStepAndCheckPassing() throws Exception {
        AtomicInteger codes = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", x -> {
            String path = x.getRequestURI().getPath();
            x.getRequestBody().readAllBytes();
            byte[] body;
            if (path.equals("/urls")) {
                body = ("{\"code\": \"c" + codes.incrementAndGet() + "\"}").getBytes(StandardCharsets.UTF_8);
                x.sendResponseHeaders(201, body.length);
            } else if (path.startsWith("/u/c")) {
                x.getResponseHeaders().add("Location", "https://example.com/");
                body = new byte[0];
                x.sendResponseHeaders(302, -1);
            } else {
                body = "Hello, World!".getBytes(StandardCharsets.UTF_8);
                x.sendResponseHeaders(200, body.length);
            }
            x.getResponseBody().write(body);
            x.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
        try {
            // Seed 000's stages at a 50th of the users and a second or two each, against this server.
            String jmx = Files.readString(FIXTURES.resolve("seed000-stages.jmx"))
                    .replace(
                            "${__P(port,8080)}",
                            Integer.toString(server.getAddress().getPort()))
                    .replaceAll("(num_threads\">)(\\d+)", "$1X$2")
                    .replaceAll("ramp_time\">\\d+", "ramp_time\">1")
                    .replaceAll("ThreadGroup.duration\">\\d+", "ThreadGroup.duration\">2")
                    .replace("ConstantTimer.delay\">500", "ConstantTimer.delay\">10")
                    .replace("RandomTimer.range\">1000", "RandomTimer.range\">20");
            for (int users : List.of(50, 100, 200, 300, 500)) {
                jmx = jmx.replace("X" + users + "<", users / 50 + "<");
            }
            Files.writeString(dir.resolve("plan.jmx"), jmx);
            Files.copy(FIXTURES.resolve("urls.csv"), dir.resolve("urls.csv"));
            JmxConverter.Conversion c = JmxConverter.convert(dir.resolve("plan.jmx"));
            Files.writeString(dir.resolve("plan.yaml"), c.yaml());
            LoadPlan plan = new PlanParser().parse(dir.resolve("plan.yaml"));

            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            LoadResult r = LoadRun.run(plan, LoadOutput.quiet(new PrintStream(printed, true, StandardCharsets.UTF_8)));

            assertThat(r.results().rate("http_req_failed", Map.of())[0]).isZero();
            long[] checks = r.results().rate("checks", Map.of());
            assertThat(checks[1]).isPositive().isEqualTo(checks[0]);
            for (Scenario s : plan.scenarios()) {
                long shortened = r.results().count("http_reqs", Map.of("scenario", s.name(), "name", "Shorten"));
                assertThat(shortened).as(s.name()).isPositive();
                assertThat(r.results().count("http_reqs", Map.of("scenario", s.name(), "name", "Follow")))
                        .isEqualTo(shortened);
            }
            assertThat(r.results().count("http_reqs", Map.of("name", "Shorten")))
                    .isEqualTo(codes.get());
            assertThat(r.results().gauge("vus").max()).isEqualTo(10);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aFileThatIsNotAJmeterPlanIsRefused() throws Exception {
        Files.writeString(dir.resolve("x.jmx"), "<project/>");
        assertThatThrownBy(() -> JmxConverter.convert(dir.resolve("x.jmx")))
                .hasMessageContaining("<project> (expected: <jmeterTestPlan>)");
    }
}
