package gale.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gale.balancer.BalancerObserver;
import gale.control.admin.AdminClient;
import gale.control.admin.StackDirectory;
import gale.control.stack.StackConfig;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Faults on a real stack through its admin API: injected, shown, ended by duration, by clear and by gale down. */
class FaultsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path stateRoot;

    private Stack stack;
    private AdminClient admin;

    @AfterEach
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void taskHangStopsOneTaskShowsInStatusAndMetricsAndEndsAfterItsDuration() throws Exception {
        start(2);
        JsonNode fault = admin.injectFault(fault("task-hang").put("duration", "3s"));
        String id = fault.path("id").asText();
        String taskId = fault.path("affected").get(0).asText();
        long pid = pidOf(taskId);

        assertThat(id).startsWith("fault-");
        assertThat(state(pid)).isEqualTo("T");
        JsonNode status = admin.status();
        assertThat(status.path("faults").get(0).path("id").asText()).isEqualTo(id);
        assertThat(status.path("faults").get(0).path("state").asText()).isEqualTo("ACTIVE");
        assertThat(metrics()).contains("gale_faults_active{kind=\"task-hang\"} 1.0");

        await().atMost(WAIT)
                .until(() -> !admin.faults()
                        .path("faults")
                        .get(0)
                        .path("state")
                        .asText()
                        .equals("ACTIVE"));
        assertThat(state(pid)).isNotEqualTo("T");
        assertThat(admin.status().path("faults")).isEmpty();
        assertThat(metrics())
                .contains("gale_faults_active{kind=\"task-hang\"} 0.0")
                .contains("gale_faults_injected_total{kind=\"task-hang\"} 1.0")
                .contains("gale_faults_ended_total{cause=\"duration\",kind=\"task-hang\"} 1.0");
        assertThat(reasons(id))
                .containsExactly(
                        "fault.started: task-hang of " + taskId + " for 3.0s",
                        "fault.ended: Its duration of 3.0s elapsed: task-hang of " + taskId + " for 3.0s");
    }

    @Test
    void clearEndsAFaultAtOnceAndDownEndsTheRest() throws Exception {
        start(2);
        String hang = admin.injectFault(fault("task-hang").put("duration", "10m"))
                .path("id")
                .asText();
        JsonNode stress = admin.injectFault(
                fault("task-cpu-stress").put("duration", "10m").put("load", 20));
        long hungPid = pidOf(
                admin.faults().path("faults").get(0).path("affected").get(0).asText());
        await().atMost(WAIT).until(() -> !stressNg().isEmpty());
        List<Long> burners = stressNg();

        assertThat(admin.clearFaults(hang).path("state").asText()).isEqualTo("ENDED");
        assertThat(state(hungPid)).isNotEqualTo("T");
        assertThat(reasons(hang)).last().asString().startsWith("fault.ended: Cleared by user");

        stack.close();
        assertThat(reasons(stress.path("id").asText()))
                .last()
                .asString()
                .startsWith("fault.ended: The stack is stopping");
        await().atMost(WAIT).until(() -> burners.stream().noneMatch(FaultsTest::alive));
        stack = null;
    }

    @Test
    void taskKillWithTermEndsOneTaskWhichIsReplaced() throws Exception {
        start(1);
        String victim = runningTaskIds().get(0);
        JsonNode fault = admin.injectFault(fault("task-kill").put("signal", "TERM"));

        assertThat(fault.path("affected").get(0).asText()).isEqualTo(victim);
        assertThat(fault.path("state").asText()).isEqualTo("ACTIVE");
        await().atMost(WAIT)
                .until(() -> runningTaskIds().size() == 1 && !runningTaskIds().contains(victim));
        assertThat(reasons(fault.path("id").asText())).last().asString().startsWith("fault.ended: Done");
    }

    @Test
    void badFaultsAreRefusedWithTheFieldAndChangesNeedTheToken() throws Exception {
        start(1);
        assertThatThrownBy(() -> admin.injectFault(fault("task-melt").put("duration", "1s")))
                .hasMessageStartingWith("kind: task-melt (expected: one of task-kill, task-hang");
        assertThatThrownBy(() -> admin.injectFault(
                        fault("task-hang").put("duration", "1s").put("status", 500)))
                .hasMessageStartingWith("status: 500 (expected: a field task-hang reads");
        assertThatThrownBy(() -> admin.injectFault(fault("task-hang"))).hasMessageStartingWith("duration: missing");
        assertThatThrownBy(() -> admin.injectFault(
                        fault("task-hang").put("duration", "1s").put("service", "db")))
                .hasMessageStartingWith("service: db (expected: one of [web])");
        assertThat(admin.faults().path("faults")).isEmpty();

        HttpResponse<String> anonymous = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(stack.adminUrl().resolve("/api/faults"))
                                .DELETE()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @Test
    void databaseOutageStopsTheEmbeddedDatabaseAndStartsItAgain() throws Exception {
        start(1);

        JsonNode fault = admin.injectFault(fault("database-outage").put("duration", "10m"));
        String id = fault.path("id").asText();
        String server = fault.path("affected").get(0).asText();
        assertThat(server).startsWith("embedded H2 on 127.0.0.1:");
        int port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
        assertThat(connects(port)).isFalse();

        admin.clearFaults(id);
        assertThat(connects(port)).isTrue();
    }

    @Test
    void blackholeHoldsAClientUnansweredUntilGaleDownEndsIt() throws Exception {
        start(1);
        String id = admin.injectFault(
                        fault("net-blackhole").put("duration", "10m").put("toxicity", 1.0))
                .path("id")
                .asText();
        URI listener = stack.listenerUrl(0);

        try (Socket client = new Socket(listener.getHost(), listener.getPort())) {
            client.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            client.setSoTimeout(1500);
            assertThatThrownBy(() -> client.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
            assertThat(metrics())
                    .containsPattern("gale_balancer_fault_requests_total\\{kind=\"net-blackhole\",[^}]*} 1.0");

            stack.close();

            client.setSoTimeout(10_000);
            assertThat(client.getInputStream().read()).isEqualTo(-1); // closed, never answered
        }
        assertThat(reasons(id))
                .containsExactly(
                        "fault.started: net-blackhole of web for 600.0s",
                        "fault.ended: The stack is stopping: net-blackhole of web for 600.0s");
        stack = null;
    }

    private void start(int tasks) {
        StackConfig config = StackTest.helloStack(tasks, "").withWarmup(Duration.ZERO);
        stack = Stack.start(
                config, new StackOptions("127.0.0.1", 0, stateRoot, Clock.systemUTC(), BalancerObserver.NOOP));
        admin = new AdminClient(stack.adminUrl(), StackDirectory.readToken(stateRoot, stack.adminPort()));
        await().atMost(WAIT).until(() -> runningTaskIds().size() == tasks);
    }

    private static ObjectNode fault(String kind) {
        return JSON.createObjectNode().put("kind", kind);
    }

    private List<String> runningTaskIds() {
        return StreamSupport.stream(stack.status().path("tasks").spliterator(), false)
                .filter(t -> t.path("state").asText().equals("RUNNING"))
                .map(t -> t.path("id").asText())
                .toList();
    }

    private long pidOf(String taskId) {
        return StreamSupport.stream(stack.status().path("tasks").spliterator(), false)
                .filter(t -> t.path("id").asText().equals(taskId))
                .findFirst()
                .orElseThrow()
                .path("pid")
                .asLong();
    }

    private List<String> reasons(String faultId) {
        return stack.events().recent(10_000).stream()
                .filter(e -> e.subject().equals(faultId))
                .map(e -> e.type() + ": " + e.reason())
                .toList();
    }

    private String metrics() throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(stack.adminUrl().resolve("/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    static String state(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
        } catch (IOException e) {
            return "";
        }
    }

    static List<Long> stressNg() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().orElse("").endsWith("stress-ng"))
                .map(ProcessHandle::pid)
                .toList();
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static boolean connects(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
