package gale.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import gale.balancer.BalancerObserver;
import gale.control.events.Event;
import gale.control.stack.StackConfig;
import gale.control.stack.StackFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real stack: balancer, fleet, admin API, tasks as processes (a tiny test server), on ephemeral ports. */
class StackTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path stateRoot;

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private Stack stack;

    @AfterEach
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void servesThroughTheBalancerOnceTasksAreHealthy() throws Exception {
        stack = start(helloStack(2, ""));

        awaitHealthyTasks(2);
        Set<String> answeredBy = new java.util.HashSet<>();
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> response = get(stack.listenerUrl(0));
            assertThat(response.statusCode()).isEqualTo(200);
            answeredBy.add(response.body());
        }
        assertThat(answeredBy).hasSize(2);
        assertThat(types())
                .contains("stack.started", "task.pending", "task.running", "target.initial", "target.healthy");
        Event healthy = stack.events().recent(1000).stream()
                .filter(e -> e.type().equals("target.healthy"))
                .findFirst()
                .orElseThrow();
        assertThat(healthy.service()).isEqualTo("web");
        assertThat(healthy.subject()).startsWith("web-");
        assertThat(Files.readString(stack.directory().directory().resolve("stack.json")))
                .contains("\"adminPort\" : " + stack.adminPort());
    }

    @Test
    void keepsItsSeriesForTheRetentionTheFileSays() {
        stack = start(StackFile.parse(
                "s.yaml",
                "listeners: [ { port: 0, defaultTargetGroup: web } ]\n"
                        + "targetGroups: { web: {} }\nmonitoring: { retention: 5m }\n"));

        assertThat(stack.seriesRetention()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void statusShowsEachTaskWithItsHealthAndTarget() {
        stack = start(helloStack(2, ""));
        awaitHealthyTasks(2);

        JsonNode status = stack.status();

        JsonNode service = status.path("services").get(0);
        assertThat(service.path("name").asText()).isEqualTo("web");
        assertThat(service.path("desiredCount").asInt()).isEqualTo(2);
        assertThat(service.path("runningCount").asInt()).isEqualTo(2);
        assertThat(service.path("targetGroup").asText()).isEqualTo("web");
        JsonNode task = StreamSupport.stream(status.path("tasks").spliterator(), false)
                .filter(t -> t.path("state").asText().equals("RUNNING"))
                .findFirst()
                .orElseThrow();
        for (String field : List.of(
                "id",
                "service",
                "pid",
                "port",
                "state",
                "health",
                "cpuPercent",
                "memoryBytes",
                "startedAt",
                "reason")) {
            assertThat(task.has(field)).as(field).isTrue();
        }
        assertThat(task.path("health").asText()).isEqualTo("healthy");
        JsonNode target = status.path("targets").get(0);
        assertThat(target.path("targetGroup").asText()).isEqualTo("web");
        assertThat(target.path("state").asText()).isEqualTo("HEALTHY");
        assertThat(target.path("address").asText()).startsWith("127.0.0.1:");
    }

    @Test
    void killedTaskIsDeregisteredAndReplaced() {
        stack = start(helloStack(2, ""));
        awaitHealthyTasks(2);
        JsonNode victim = StreamSupport.stream(stack.status().path("tasks").spliterator(), false)
                .filter(t -> t.path("state").asText().equals("RUNNING"))
                .findFirst()
                .orElseThrow();

        stack.stopTask(victim.path("id").asText(), true);

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(healthyTaskIds())
                    .hasSize(2)
                    .doesNotContain(victim.path("id").asText());
            assertThat(targetIds()).doesNotContain(victim.path("id").asText());
        });
        assertThat(ProcessHandle.of(victim.path("pid").asLong()).map(ProcessHandle::isAlive))
                .isNotEqualTo(java.util.Optional.of(true));
        assertThat(eventsAbout(victim.path("id").asText())).contains("task.stopped");
    }

    @Test
    void taskFailingItsHealthChecksIsReplaced() throws Exception {
        Path sick = stateRoot.resolve("sick");
        stack = start(helloStack(1, "    env: { TEST_SICK_FILE: \"" + sick + "\" }\n    healthCheckGracePeriod: 0s\n"));
        awaitHealthyTasks(1);
        String first = healthyTaskIds().getFirst();

        Files.writeString(sick, "now");
        await().atMost(WAIT).until(() -> eventsAbout(first).contains("target.unhealthy"));
        Files.delete(sick);

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(healthyTaskIds()).hasSize(1).doesNotContain(first));
        assertThat(stack.events().recent(1000).stream()
                        .filter(e -> e.subject().equals(first) && e.type().equals("task.draining"))
                        .map(Event::reason))
                .contains(UnhealthyTaskReplacer.REASON);
    }

    @Test
    void taskUnhealthyFromTheStartIsReplacedOnlyOnceItsGracePeriodEnds() throws Exception {
        Path sick = stateRoot.resolve("sick");
        Files.writeString(sick, "from the start");
        stack = start(helloStack(1, "    env: { TEST_SICK_FILE: \"" + sick + "\" }\n    healthCheckGracePeriod: 3s\n"));
        await().atMost(WAIT).until(() -> types().contains("target.unhealthy"));
        JsonNode first = stack.status().path("tasks").get(0);
        Instant runningAt = stack.events().recent(1000).stream()
                .filter(e -> e.subject().equals(first.path("id").asText())
                        && e.type().equals("task.running"))
                .map(Event::time)
                .findFirst()
                .orElseThrow();

        await().atMost(WAIT).until(() -> eventsAbout(first.path("id").asText()).contains("task.draining"));

        Instant replacedAt = stack.events().recent(1000).stream()
                .filter(e -> e.subject().equals(first.path("id").asText())
                        && e.type().equals("task.draining"))
                .map(Event::time)
                .findFirst()
                .orElseThrow();
        assertThat(Duration.between(runningAt, replacedAt)).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        Files.delete(sick);
        awaitHealthyTasks(1);
    }

    @Test
    void scaleStartsAndStopsTasksAndSaysSo() {
        stack = start(helloStack(1, ""));
        awaitHealthyTasks(1);

        stack.scale("web", 3);
        await().atMost(WAIT).until(() -> healthyTaskIds().size() == 3);
        stack.scale("web", 1);
        await().atMost(WAIT)
                .until(() -> healthyTaskIds().size() == 1 && targetIds().size() == 1);

        assertThat(types()).contains("service.scaled", "task.draining", "target.draining");
    }

    @Test
    void closeStopsEveryTaskProcess() {
        stack = start(helloStack(2, ""));
        awaitHealthyTasks(2);
        List<Long> pids = new ArrayList<>();
        stack.status().path("tasks").forEach(t -> pids.add(t.path("pid").asLong()));

        stack.close();

        assertThat(stack.closed()).isDone();
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive))
                    .as("pid " + pid)
                    .isEmpty();
        }
        assertThat(stack.directory().directory().resolve("token")).doesNotExist();
        assertThat(types()).contains("stack.stopping");
    }

    @Test
    void staticTargetsAreServedWithoutAnyService() throws Exception {
        com.sun.net.httpserver.HttpServer backend = existingServer("existing server");
        try {
            stack = start(inFrontOf(backend, ""));

            await().atMost(WAIT).until(() -> types().contains("target.healthy"));
            assertThat(get(stack.listenerUrl(0)).body()).isEqualTo("existing server");
            assertThat(stack.status().path("targets").get(0).path("id").asText())
                    .isEqualTo("127.0.0.1:" + backend.getAddress().getPort());
        } finally {
            backend.stop(0);
        }
    }

    @Test
    void warmsUpBeforeAcceptingAndCountsOnlyRealRequests() throws Exception {
        com.sun.net.httpserver.HttpServer backend = existingServer("warm");
        try {
            stack = startWithWarmup(inFrontOf(backend, "balancer: { warmup: 2s }\n"));

            // The target was health-checked while the balancer warmed up, before it accepted anyone.
            assertThat(types()).contains("target.healthy");
            // The warm-up's thousands of requests went to observers of its own, not to the stack's metrics.
            assertThat(requestsCounted()).isZero();
            assertThat(get(stack.listenerUrl(0)).body()).isEqualTo("warm");
            await().atMost(WAIT).until(() -> requestsCounted() == 1);
        } finally {
            backend.stop(0);
        }
    }

    /** A stack whose one listener fronts {@code backend} as a static target checked every 200 ms, plus {@code more}. */
    private static StackConfig inFrontOf(com.sun.net.httpserver.HttpServer backend, String more) {
        String yaml = "listeners: [ { port: 0, defaultTargetGroup: static } ]\n"
                + "targetGroups:\n  static:\n    targets: [\"127.0.0.1:"
                + backend.getAddress().getPort() + "\"]\n"
                + "    healthCheck: { path: /, interval: 200ms, timeout: 200ms, healthyThreshold: 2 }\n"
                + more;
        return StackFile.parse("static.yaml", yaml);
    }

    /** A server on loopback that answers every request with {@code body}, as one Gale is put in front of. */
    private static com.sun.net.httpserver.HttpServer existingServer(String body) throws java.io.IOException {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 10);
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return server;
    }

    /** The sum of the stack's {@code gale_balancer_requests_total} series. */
    private double requestsCounted() throws Exception {
        return get(stack.adminUrl().resolve("/metrics"))
                .body()
                .lines()
                .filter(line -> line.startsWith("gale_balancer_requests_total{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** These tests are about the stack, not the JIT: no warm-up, but in the one test of it. */
    private Stack start(StackConfig config) {
        return startWithWarmup(config.withWarmup(Duration.ZERO));
    }

    private Stack startWithWarmup(StackConfig config) {
        return Stack.start(
                config, new StackOptions("127.0.0.1", 0, stateRoot, Clock.systemUTC(), BalancerObserver.NOOP));
    }

    /** A stack of {@code count} HelloTask processes behind a listener on an ephemeral port. */
    static StackConfig helloStack(int count, String extraServiceKeys) {
        String java = ProcessHandle.current().info().command().orElseThrow();
        String yaml = "listeners: [ { port: 0, defaultTargetGroup: web } ]\n"
                + "targetGroups:\n  web:\n"
                + "    healthCheck: { path: /health, interval: 500ms, timeout: 500ms, healthyThreshold: 2,"
                + " unhealthyThreshold: 2 }\n"
                + "    deregistrationDelay: 2s\n"
                + "services:\n  web:\n"
                + "    command: [\"" + java + "\", \"-cp\", \"" + System.getProperty("java.class.path") + "\", \""
                + HelloTask.class.getName() + "\"]\n"
                + "    desiredCount: " + count + "\n"
                + "    targetGroup: web\n"
                + "    stopTimeout: 5s\n"
                + extraServiceKeys;
        return StackFile.parse("hello.yaml", yaml);
    }

    private void awaitHealthyTasks(int count) {
        await().atMost(WAIT).until(() -> healthyTaskIds().size() == count);
    }

    private List<String> healthyTaskIds() {
        return StreamSupport.stream(stack.status().path("tasks").spliterator(), false)
                .filter(t -> t.path("state").asText().equals("RUNNING")
                        && t.path("health").asText().equals("healthy"))
                .map(t -> t.path("id").asText())
                .toList();
    }

    private Set<String> targetIds() {
        return StreamSupport.stream(stack.status().path("targets").spliterator(), false)
                .map(t -> t.path("id").asText())
                .collect(Collectors.toSet());
    }

    private List<String> types() {
        return stack.events().recent(10_000).stream().map(Event::type).toList();
    }

    private List<String> eventsAbout(String subject) {
        return stack.events().recent(10_000).stream()
                .filter(e -> e.subject().equals(subject))
                .map(Event::type)
                .toList();
    }

    private HttpResponse<String> get(URI url) throws Exception {
        return http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
    }
}
