package gale.control.data;

import static gale.control.data.DataStacks.get;
import static gale.control.data.DataStacks.postUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gale.control.Stack;
import gale.control.events.Event;
import gale.control.events.EventType;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stack on managed MariaDB and managed Redis, as RDS and ElastiCache: the servers start before the tasks, show in
 * the status with their health, are restarted with their data when they die, keep it across runs (not with --fresh),
 * and stop with the stack.
 */
class ManagedDataTierTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path stateRoot;

    @Test
    void managedMariaDbAndRedisServeTheAppKeepTheirDataAndComeBackWhenKilled() throws Exception {
        int adminPort = freePort();
        var config = DataStacks.config("""
                database: { engine: mariadb, managed: true }
                cache: { engine: redis, managed: true }
                """);
        String code;
        long databasePid;
        long restartedPid;
        long cachePid;
        try (Stack stack = DataStacks.start(config, stateRoot, adminPort, false)) {
            DataStacks.awaitHealthyTasks(stack, 2);
            JsonNode database = DataStacks.dataRow(stack, "database");
            JsonNode cache = DataStacks.dataRow(stack, "cache");
            assertThat(database.path("engine").asText()).isEqualTo("mariadb");
            assertThat(database.path("state").asText()).isEqualTo("RUNNING");
            assertThat(database.path("health").asText()).isEqualTo("healthy");
            assertThat(cache.path("engine").asText()).isEqualTo("redis");
            assertThat(cache.path("state").asText()).isEqualTo("RUNNING");
            databasePid = database.path("pid").asLong();
            assertThat(ProcessHandle.of(databasePid)).isPresent();

            var created = postUrl(stack, "https://example.com/kept");
            assertThat(created.statusCode()).isEqualTo(201);
            code = JSON.readTree(created.body()).path("code").asText();
            assertThat(get(stack, "/u/" + code).statusCode()).isEqualTo(302);

            DataStacks.killServer(databasePid);

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> DataStacks.dataRow(stack, "database")
                                            .path("restarts")
                                            .asInt()
                                    == 1
                            && DataStacks.dataRow(stack, "database")
                                    .path("state")
                                    .asText()
                                    .equals("RUNNING"));
            assertThat(stack.events().recent(1_000).stream()
                            .filter(e -> e.subject().equals("database"))
                            .map(Event::type))
                    .containsSubsequence(EventType.DATA_STARTED, EventType.DATA_EXITED, EventType.DATA_STARTED);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> get(stack, "/seed").statusCode() == 200);
            assertThat(get(stack, "/u/" + code).headers().firstValue("Location"))
                    .contains("https://example.com/kept");
            restartedPid = DataStacks.dataRow(stack, "database").path("pid").asLong();
            cachePid = DataStacks.dataRow(stack, "cache").path("pid").asLong();
        }
        assertThat(ProcessHandle.of(restartedPid).filter(ProcessHandle::isAlive))
                .as("stopped with the stack")
                .isEmpty();
        assertThat(ProcessHandle.of(cachePid).filter(ProcessHandle::isAlive))
                .as("stopped with the stack")
                .isEmpty();

        try (Stack again = DataStacks.start(config, stateRoot, adminPort, false)) {
            DataStacks.awaitHealthyTasks(again, 2);
            assertThat(get(again, "/u/" + code).statusCode())
                    .as("kept across runs")
                    .isEqualTo(302);
        }
        try (Stack fresh = DataStacks.start(config, stateRoot, adminPort, true)) {
            DataStacks.awaitHealthyTasks(fresh, 2);
            assertThat(get(fresh, "/u/" + code).statusCode())
                    .as("--fresh starts empty")
                    .isEqualTo(404);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
