package gale.control.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gale.control.events.EventLog;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path stateRoot;

    private final FakeStack stack = new FakeStack();
    private final HttpClient http = HttpClient.newHttpClient();
    private AdminServer server;
    private StackDirectory directory;

    @BeforeEach
    void start() {
        server = AdminServer.bind("127.0.0.1", 0);
        directory = StackDirectory.create(stateRoot, server.port());
        server.open(stack, directory.token());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void statusIsOpenToReadAndHasServicesTasksAndTargets() throws Exception {
        HttpResponse<String> response = get("/api/status");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode status = JSON.readTree(response.body());
        assertThat(status.fieldNames()).toIterable().containsExactly("services", "tasks", "targets");
        assertThat(status.path("services").get(0).path("name").asText()).isEqualTo("web");
    }

    @Test
    void mutationWithoutTokenIsRefusedAndChangesNothing() throws Exception {
        HttpResponse<String> none = post("/api/services/web/scale", "{\"desiredCount\":3}", null);
        HttpResponse<String> wrong = post("/api/services/web/scale", "{\"desiredCount\":3}", "not-the-token");

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(none.body()).path("error").asText()).contains("token");
        assertThat(stack.scaled).isEmpty();
    }

    @Test
    void tokenIsPrivateToTheUserAndFoundByAdminPort() throws Exception {
        Path file = stateRoot.resolve(Integer.toString(server.port())).resolve("token");

        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(StackDirectory.readToken(stateRoot, server.port())).hasValue(directory.token());
        assertThat(StackDirectory.readToken(stateRoot, server.port() + 1)).isEmpty();
    }

    @Test
    void scaleWithTokenSetsTheDesiredCount() throws Exception {
        HttpResponse<String> response = post("/api/services/web/scale", "{\"desiredCount\":3}", directory.token());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(stack.scaled).containsExactly(Map.entry("web", 3));
    }

    @Test
    void scaleRejectsBadCountsWithTheField() throws Exception {
        for (String body :
                List.of("{\"desiredCount\":-1}", "{\"desiredCount\":\"3\"}", "{}", "{\"desiredCount\":1.5}")) {
            HttpResponse<String> response = post("/api/services/web/scale", body, directory.token());

            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).path("field").asText()).isEqualTo("desiredCount");
        }
        assertThat(post("/api/services/web/scale", "not json", directory.token())
                        .statusCode())
                .isEqualTo(400);
        assertThat(stack.scaled).isEmpty();
    }

    @Test
    void scaleOfUnknownServiceIs404() throws Exception {
        HttpResponse<String> response = post("/api/services/api/scale", "{\"desiredCount\":1}", directory.token());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).path("error").asText()).isEqualTo("no service api");
    }

    @Test
    void stopTaskPassesKill() throws Exception {
        assertThat(post("/api/tasks/web-1/stop", "{\"kill\":true}", directory.token())
                        .statusCode())
                .isEqualTo(200);
        assertThat(post("/api/tasks/web-2/stop", "", directory.token()).statusCode())
                .isEqualTo(200);
        assertThat(post("/api/tasks/web-9/stop", "{}", directory.token()).statusCode())
                .isEqualTo(404);

        assertThat(stack.stopped).containsExactly(Map.entry("web-1", true), Map.entry("web-2", false));
    }

    @Test
    void eventsAreJsonNewestLastWithTheContractFields() throws Exception {
        for (int i = 1; i <= 5; i++) {
            stack.events.publish("task.running", "web-" + i, "web", "Task accepts connections on its port");
        }

        JsonNode events = JSON.readTree(get("/api/events?limit=3").body());

        assertThat(events).hasSize(3);
        assertThat(events.get(0).path("id").asLong()).isEqualTo(3);
        assertThat(events.get(2).path("subject").asText()).isEqualTo("web-5");
        assertThat(events.get(2).fieldNames())
                .toIterable()
                .containsExactly("id", "time", "type", "subject", "service", "reason");
        assertThat(events.get(2).path("time").asText()).isEqualTo("2026-11-23T02:30:00.123Z");
        assertThat(get("/api/events?limit=0").statusCode()).isEqualTo(400);
    }

    @Test
    void eventStreamReplaysAfterLastEventIdThenSendsLiveEvents() throws Exception {
        stack.events.publish("task.pending", "web-1", "web", "Task launched");
        stack.events.publish("task.running", "web-1", "web", "Task accepts connections on its port");

        List<String> lines = new CopyOnWriteArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(url("/api/events/stream"))
                .header("Last-Event-ID", "1")
                .build();
        HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (java.io.IOException closed) {
                // the server closed the stream
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> lines.contains("id: 2"));
        stack.events.publish("task.stopped", "web-1", "web", "Stopped by user");

        await().atMost(Duration.ofSeconds(5)).until(() -> lines.contains("id: 3"));
        assertThat(lines).doesNotContain("id: 1");
        String data = lines.get(lines.indexOf("id: 3") + 1);
        assertThat(data).startsWith("data: ");
        assertThat(JSON.readTree(data.substring(6)).path("type").asText()).isEqualTo("task.stopped");
        server.close();
        reader.join(Duration.ofSeconds(5));
        assertThat(reader.isAlive()).isFalse();
        server = AdminServer.bind("127.0.0.1", 0);
    }

    @Test
    void shutdownAnswersThenStopsTheStack() throws Exception {
        HttpResponse<String> response = post("/api/shutdown", "", directory.token());

        assertThat(response.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(5)).until(() -> stack.shutdownReason != null);
    }

    @Test
    void unknownApiPathIsJson404() throws Exception {
        HttpResponse<String> response = get("/api/nope");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).path("error").asText()).contains("/api/nope");
    }

    @Test
    void clientMapsRefusalsAndAnEmptyPort() {
        AdminClient client = new AdminClient(url("/"), Optional.of(directory.token()));
        assertThat(client.status().path("services").isArray()).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.scale("api", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no service api");

        int port = server.port();
        server.close();
        AdminClient gone = new AdminClient(URI.create("http://127.0.0.1:" + port + "/"), Optional.empty());
        org.assertj.core.api.Assertions.assertThatThrownBy(gone::status)
                .isInstanceOf(AdminClient.StackUnreachableException.class)
                .hasMessage("no Gale stack on 127.0.0.1:" + port + ": start one with ./gale up");
        server = AdminServer.bind("127.0.0.1", 0);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(url(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A stack that records what the API asked of it. */
    private static final class FakeStack implements StackControl {
        @Override
        public gale.control.deploy.Deployments deployments() {
            throw new UnsupportedOperationException("no deployments in this fake");
        }

        @Override
        public java.util.List<gale.control.deploy.DeploymentSnapshot> deployStackFile(
                String file, String text, java.util.Optional<gale.control.deploy.Strategy> strategy) {
            throw new UnsupportedOperationException("no deployments in this fake");
        }

        final EventLog events = new EventLog(
                Clock.fixed(Instant.parse("2026-11-23T02:30:00.123Z"), ZoneOffset.UTC), EventLog.DEFAULT_CAPACITY);
        final List<Map.Entry<String, Integer>> scaled = new ArrayList<>();
        final List<Map.Entry<String, Boolean>> stopped = new ArrayList<>();
        final Map<String, Boolean> tasks = new ConcurrentHashMap<>(Map.of("web-1", true, "web-2", true));
        volatile String shutdownReason;

        @Override
        public ObjectNode status() {
            ObjectNode status = JSON.createObjectNode();
            status.putArray("services").addObject().put("name", "web").put("desiredCount", 2);
            status.putArray("tasks");
            status.putArray("targets");
            return status;
        }

        @Override
        public gale.control.fault.FaultRegistry faults() {
            throw new UnsupportedOperationException("faults are tested on a real stack (FaultsTest)");
        }

        @Override
        public EventLog events() {
            return events;
        }

        @Override
        public synchronized void scale(String service, int desiredCount) {
            if (!service.equals("web")) {
                throw new NoSuchElementException("no service " + service);
            }
            scaled.add(Map.entry(service, desiredCount));
        }

        @Override
        public synchronized CompletableFuture<Void> stopTask(String taskId, boolean kill) {
            if (!tasks.containsKey(taskId)) {
                throw new NoSuchElementException("no task " + taskId);
            }
            stopped.add(Map.entry(taskId, kill));
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void shutdownAsync(String reason) {
            shutdownReason = reason;
        }
    }
}
