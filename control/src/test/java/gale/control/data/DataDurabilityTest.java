package gale.control.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gale.control.Stack;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * On managed MariaDB and managed PostgreSQL: short URLs written under load while a task is SIGKILLed, then while the
 * database server is SIGKILLed and restarted by Gale. A 201 is sent only once the row is committed, so every
 * acknowledged code resolves afterwards (read from the database: no cache).
 */
class DataDurabilityTest {

    @TempDir
    Path stateRoot;

    @ParameterizedTest(name = "managed {0}")
    @ValueSource(strings = {"mariadb", "postgresql"})
    void everyAcknowledgedUrlResolvesAfterATaskAndThenTheDatabaseAreKilled(String engine) throws Exception {
        var config = DataStacks.config(
                "database: { engine: " + engine + ", managed: true }\n" + "cache: { engine: none }\n");
        try (Stack stack = DataStacks.start(config, stateRoot, 0, false)) {
            DataStacks.awaitHealthyTasks(stack, 2);
            Map<String, String> acknowledged;
            try (UrlWriters writers = new UrlWriters(stack, 4)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> writers.acknowledgedCount() >= 20);

                String task = DataStacks.healthyTasks(stack).getFirst();
                stack.stopTask(task, true).get();
                int beforeDatabaseKill = writers.acknowledgedCount();
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> writers.acknowledgedCount() >= beforeDatabaseKill + 20);

                DataStacks.killServer(
                        DataStacks.dataRow(stack, "database").path("pid").asLong());
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> DataStacks.dataRow(stack, "database")
                                                .path("restarts")
                                                .asInt()
                                        == 1
                                && DataStacks.dataRow(stack, "database")
                                        .path("state")
                                        .asText()
                                        .equals("RUNNING"));
                int afterRestart = writers.acknowledgedCount();
                await().atMost(Duration.ofSeconds(60)).until(() -> writers.acknowledgedCount() >= afterRestart + 20);
                writers.close();
                acknowledged = writers.acknowledged();
            }

            assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(60);
            List<String> lost = acknowledged.entrySet().stream()
                    .filter(entry -> !resolves(stack, entry.getKey(), entry.getValue()))
                    .map(Map.Entry::getKey)
                    .toList();
            assertThat(lost).as("acknowledged codes that do not resolve").isEmpty();
        }
    }

    private static boolean resolves(Stack stack, String code, String target) {
        try {
            HttpResponse<String> response = DataStacks.get(stack, "/u/" + code);
            return response.statusCode() == 302
                    && response.headers().firstValue("Location").orElse("").equals(target);
        } catch (Exception e) {
            return false;
        }
    }
}
