package gale.app;

import static gale.app.TestApps.get;
import static gale.app.TestApps.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Several tasks against one H2 server, as `gale up` runs them: they share the seed and the short URLs. */
class SharedDatabaseTest {

    private Server h2;
    private String dbUrl;
    private final List<ReferenceApp> apps = new ArrayList<>();

    @BeforeEach
    void startDatabase() throws Exception {
        h2 = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
        dbUrl = "jdbc:h2:tcp://127.0.0.1:" + h2.getPort() + "/mem:shared-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    @AfterEach
    void stop() {
        apps.forEach(ReferenceApp::close);
        h2.stop();
    }

    @Test
    void twoTasksSeeTheSameSeedAndResolveEachOthersCodes() throws Exception {
        ReferenceApp first = started("web-000001");
        ReferenceApp second = started("web-000002");

        assertThat(post(first, "/seed", "{\"num\": 1234}").statusCode()).isEqualTo(200);
        String code = new JsonObject(post(second, "/urls", "{\"url\": \"http://example.org/x\"}")
                        .body())
                .getString("code");

        assertThat(new JsonObject(get(second, "/seed").body()).getLong("num")).isEqualTo(1234);
        assertThat(get(first, "/u/" + code).headers().firstValue("Location")).contains("http://example.org/x");
        assertThat(new JsonObject(get(second, "/whoami").body()).getString("taskId"))
                .isEqualTo("web-000002");
    }

    @Test
    void tasksStartingTogetherCreateTheSchemaOnce() throws Exception {
        ExecutorService starters = Executors.newFixedThreadPool(3);
        try {
            List<CompletableFuture<ReferenceApp>> starting = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String id = "web-00000" + i;
                starting.add(CompletableFuture.supplyAsync(() -> TestApps.start(id, dbUrl), starters));
            }
            for (CompletableFuture<ReferenceApp> app : starting) {
                apps.add(app.get(60, TimeUnit.SECONDS));
            }
        } finally {
            starters.shutdown();
        }

        for (ReferenceApp app : apps) {
            assertThat(get(app, "/health").statusCode()).isEqualTo(200);
            assertThat(new JsonObject(get(app, "/seed").body()).getLong("num")).isZero();
        }
    }

    @Test
    void healthIsDownWhileTheDatabaseIsGone() throws Exception {
        ReferenceApp app = started("web-000001");
        assertThat(get(app, "/health").statusCode()).isEqualTo(200);

        h2.stop();

        long start = System.nanoTime();
        var response = get(app, "/health");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(new JsonObject(response.body()).getString("status")).isEqualTo("DOWN");
        assertThat(get(app, "/seed").statusCode()).isEqualTo(500);
    }

    private ReferenceApp started(String taskId) {
        ReferenceApp app = TestApps.start(taskId, dbUrl);
        apps.add(app);
        return app;
    }
}
