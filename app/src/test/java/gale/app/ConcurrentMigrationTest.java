package gale.app;

import static org.assertj.core.api.Assertions.assertThat;

import gale.app.TestDataTier.Db;
import gale.app.data.DataConfig;
import gale.app.data.Database;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.h2.tools.Server;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Tasks that start together against one empty database, each with its own pool and Flyway as separate processes
 * have: every one migrates (or finds the work done) and the catalogue holds each seeded row once. H2 is reached as
 * the stack runs it, through an H2 TCP server.
 */
class ConcurrentMigrationTest {

    private static final int TASKS = 4;
    private static final int CATALOGUE_ROWS = 20_000;

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @EnumSource(Db.class)
    void tasksStartingTogetherAllMigrateAndSeedTheCatalogueOnce(Db db) throws Exception {
        Path directory = Files.createTempDirectory(tmp, "h2");
        Server h2 = null;
        DataConfig config;
        if (db == Db.H2) {
            h2 = Server.createTcpServer("-tcpPort", "0", "-ifNotExists", "-baseDir", directory.toString())
                    .start();
            config = DataConfig.of("jdbc:h2:tcp://127.0.0.1:" + h2.getPort() + "/gale");
        } else {
            config = TestDataTier.freshDatabase(db);
        }
        ExecutorService tasks = Executors.newFixedThreadPool(TASKS);
        List<Database> opened = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Database>> starts = new ArrayList<>();
            for (int task = 0; task < TASKS; task++) {
                String pool = "migrate-" + task;
                starts.add(CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                start.await();
                                return Database.open(config, pool, new PrometheusRegistry());
                            } catch (Exception e) {
                                throw new IllegalStateException(pool + ": " + e.getMessage(), e);
                            }
                        },
                        tasks));
            }
            start.countDown();
            List<String> failures = new ArrayList<>();
            for (CompletableFuture<Database> started : starts) {
                try {
                    opened.add(started.get(60, TimeUnit.SECONDS));
                } catch (Exception e) {
                    failures.add(String.valueOf(e.getCause()));
                }
            }
            assertThat(failures).isEmpty();
            try (Connection connection = DriverManager.getConnection(
                            config.url(),
                            config.user().orElse("sa"),
                            config.password().orElse(""));
                    Statement statement = connection.createStatement();
                    ResultSet counts = statement.executeQuery(
                            "SELECT COUNT(*), COUNT(DISTINCT sku), MIN(id), MAX(id) FROM gale_catalogue")) {
                counts.next();
                assertThat(List.of(counts.getInt(1), counts.getInt(2), counts.getInt(3), counts.getInt(4)))
                        .containsExactly(CATALOGUE_ROWS, CATALOGUE_ROWS, 0, CATALOGUE_ROWS - 1);
            }
        } finally {
            opened.forEach(Database::close);
            tasks.shutdownNow();
            if (h2 != null) {
                h2.stop();
            }
        }
    }
}
