package gale.control.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gale.app.data.DataConfig;
import gale.control.Stack;
import gale.control.database.OutageTarget;
import gale.control.events.EventType;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 004's lesson on a stack: its managed MariaDB down for 10 s under load. Requests through the balancer fail only
 * inside the outage, each with 503 within the pool timeout; they succeed again within 2 s of the database's return;
 * and no task is restarted, since the balancer's check (/health) is the task's liveness, not the database's.
 */
class StackDatabaseOutageTest {

    private static final Duration OUTAGE = Duration.ofSeconds(10);
    private static final Duration POOL_TIMEOUT = DataConfig.DEFAULT_CONNECTION_TIMEOUT;
    private static final Duration SLACK = Duration.ofMillis(1_000);
    private static final Duration BACK_WITHIN = Duration.ofSeconds(2);

    /** One request: nanoTime at start and end, and its status (0: no answer). */
    record Exchange(long start, long end, int status) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    @TempDir
    Path stateRoot;

    @Test
    void aTenSecondOutageFailsRequestsOnlyInsideItAndRestartsNoTask() throws Exception {
        var config = DataStacks.config("database: { engine: mariadb, managed: true }\ncache: { engine: none }\n");
        try (Stack stack = DataStacks.start(config, stateRoot, 0, false)) {
            DataStacks.awaitHealthyTasks(stack, 2);
            List<String> tasksBefore = DataStacks.healthyTasks(stack);
            OutageTarget database = stack.databaseTarget().orElseThrow();
            ConcurrentLinkedQueue<Exchange> exchanges = new ConcurrentLinkedQueue<>();
            List<Thread> clients = new ArrayList<>();
            long[] window = new long[2];
            AtomicBoolean stopped = new AtomicBoolean();
            for (int i = 0; i < 6; i++) {
                clients.add(Thread.ofVirtual().start(() -> {
                    while (!stopped.get()) {
                        long start = System.nanoTime();
                        int status;
                        try {
                            status = DataStacks.get(stack, "/seed").statusCode();
                        } catch (InterruptedException e) {
                            return;
                        } catch (Exception e) {
                            status = 0;
                        }
                        exchanges.add(new Exchange(start, System.nanoTime(), status));
                    }
                }));
            }
            Thread.sleep(2_000); // Load before the outage.
            Instant outageStartedAt = Instant.now();
            window[0] = System.nanoTime();
            database.stop();
            Thread.sleep(OUTAGE.toMillis()); // The outage: its length is the experiment's.
            database.start();
            window[1] = System.nanoTime();
            Thread.sleep(BACK_WITHIN.toMillis() + 3_000); // Load after the return.
            stopped.set(true);
            for (Thread client : clients) {
                client.join(Duration.ofSeconds(30));
            }

            List<Exchange> failed = exchanges.stream().filter(e -> !e.ok()).toList();
            assertThat(failed).as("requests failed during the outage").isNotEmpty();
            assertThat(failed).allSatisfy(e -> {
                assertThat(e.status()).as("status of %s", e).isEqualTo(503);
                assertThat(e.end()).as("failed before the outage: %s", e).isGreaterThanOrEqualTo(window[0]);
                assertThat(e.start())
                        .as("failed 2 s after the return: %s", e)
                        .isLessThanOrEqualTo(window[1] + BACK_WITHIN.toNanos());
                assertThat(Duration.ofNanos(e.end() - e.start()))
                        .as("took: %s", e)
                        .isLessThan(POOL_TIMEOUT.plus(SLACK));
            });
            assertThat(exchanges)
                    .as("a success within 2 s of the return")
                    .anyMatch(e -> e.ok() && e.start() >= window[1] && e.end() <= window[1] + BACK_WITHIN.toNanos());
            assertThat(DataStacks.healthyTasks(stack))
                    .as("no task restarted")
                    .containsExactlyInAnyOrderElementsOf(tasksBefore);
            JsonNode service = stack.status().path("services").get(0);
            assertThat(service.path("restarts").asInt()).isZero();
            assertThat(stack.events().recent(10_000).stream()
                            .filter(e -> !e.time().isBefore(outageStartedAt)))
                    .as("no task stopped and no target unhealthy from the outage on")
                    .noneMatch(e ->
                            e.type().equals(EventType.TASK_STOPPED) || e.type().equals(EventType.TARGET_UNHEALTHY));
        }
    }
}
