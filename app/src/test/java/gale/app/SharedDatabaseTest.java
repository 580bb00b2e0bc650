package gale.app;

import static gale.app.TestApps.get;
import static gale.app.TestApps.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import gale.app.TestDataTier.Db;
import gale.app.cache.CacheConfig;
import gale.app.cache.CacheEngine;
import gale.app.data.DataConfig;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** Several tasks against one database, as `gale up` runs them: they share the seed and the short URLs. */
@ParameterizedClass(name = "{0} database, {1} cache")
@MethodSource("gale.app.TestDataTier#matrix")
class SharedDatabaseTest {

    @Parameter(0)
    Db db;

    @Parameter(1)
    CacheEngine cacheEngine;

    private DataConfig database;
    private CacheConfig cache;
    private final List<ReferenceApp> apps = new ArrayList<>();

    @BeforeEach
    void freshDatabase() {
        database = TestDataTier.freshDatabase(db);
        cache = TestDataTier.cache(cacheEngine);
    }

    @AfterEach
    void stop() {
        apps.forEach(ReferenceApp::close);
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
    void aSeedWrittenOnOneTaskIsWhatEveryTaskReads() throws Exception {
        ReferenceApp first = started("web-000001");
        ReferenceApp second = started("web-000002");
        assertThat(new JsonObject(get(second, "/seed").body()).getLong("num")).isZero(); // cached by the second

        assertThat(post(first, "/seed", "{\"num\": 77}").statusCode()).isEqualTo(200);

        if (cacheEngine == CacheEngine.CAFFEINE) {
            // Each task has its own copy: the second sees the new value once its copy expires.
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> new JsonObject(get(second, "/seed").body()).getLong("num") == 77);
        } else {
            // No cache, or Redis written through by the first task: never an older value.
            assertThat(new JsonObject(get(second, "/seed").body()).getLong("num"))
                    .isEqualTo(77);
        }
    }

    @Test
    void tasksStartingTogetherMigrateTheSchemaOnce() throws Exception {
        assumeTrue(cacheEngine == CacheEngine.CAFFEINE, "migrations do not depend on the cache");
        ExecutorService starters = Executors.newFixedThreadPool(3);
        try {
            List<CompletableFuture<ReferenceApp>> starting = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String id = "web-00000" + i;
                starting.add(CompletableFuture.supplyAsync(() -> TestApps.start(id, database, cache), starters));
            }
            for (CompletableFuture<ReferenceApp> app : starting) {
                apps.add(app.get(120, TimeUnit.SECONDS));
            }
        } finally {
            starters.shutdown();
        }

        for (ReferenceApp app : apps) {
            assertThat(get(app, "/ready").statusCode()).isEqualTo(200);
            assertThat(new JsonObject(get(app, "/seed").body()).getLong("num")).isZero();
            assertThat(get(app, "/catalogue?sku=SKU-000042").statusCode()).isEqualTo(200);
        }
    }

    private ReferenceApp started(String taskId) {
        ReferenceApp app = TestApps.start(taskId, database, cache);
        apps.add(app);
        return app;
    }
}
