package gale.app;

import static org.assertj.core.api.Assertions.assertThat;

import gale.app.LoadRecorder.Exchange;
import gale.app.cache.CacheConfig;
import gale.app.cache.CacheEngine;
import gale.app.data.DataConfig;
import gale.dataserver.Engine;
import gale.dataserver.ManagedServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A 10 s database outage under load, the server stopped or hung (SIGSTOP): requests fail only inside the outage, each
 * with 503 within the pool timeout, and succeed again within 2 s of the database's return, with no restart.
 */
class DatabaseOutageTest {

    private static final Duration OUTAGE = Duration.ofSeconds(10);
    private static final Duration POOL_TIMEOUT = DataConfig.DEFAULT_CONNECTION_TIMEOUT;
    /** A busy machine's scheduling and the client's own time, on top of the pool timeout. */
    private static final Duration SLACK = Duration.ofMillis(1_000);

    private static final Duration BACK_WITHIN = Duration.ofSeconds(2);

    @TempDir
    static Path dir;

    private static final Map<String, ManagedServer> SERVERS = new HashMap<>();

    @AfterAll
    static void stopServers() {
        SERVERS.values().forEach(server -> server.stop(Duration.ofSeconds(10)));
    }

    @ParameterizedTest(name = "{0}, {1}")
    // One mode per engine keeps the suite short; the stack's own outage test stops managed MariaDB too.
    @CsvSource({"mariadb, stop", "postgresql, hang"})
    void failsFastInsideTheOutageAndServesAgainWithinTwoSecondsOfTheReturn(String engine, String mode)
            throws Exception {
        ManagedServer server = server(engine);
        // The query timeout bounds a statement already sent to a hung server: as long as the pool timeout here.
        DataConfig database = DataConfig.of(server.url())
                .withUser(Engine.DATABASE, "")
                .withPool(DataConfig.DEFAULT_POOL_SIZE, POOL_TIMEOUT, POOL_TIMEOUT);
        ReferenceApp app = TestApps.start("web-outage", database, CacheConfig.of(CacheEngine.NONE));
        long outageStart;
        long outageEnd;
        List<Exchange> exchanges;
        try (LoadRecorder load = new LoadRecorder()
                .add("seed", 6, () -> LoadRecorder.get(TestApps.uri(app, "/seed")))
                .add(
                        "urls",
                        2,
                        () -> LoadRecorder.postJson(
                                TestApps.uri(app, "/urls"), "{\"url\": \"https://example.com/outage\"}"))) {
            Thread.sleep(2_000); // Load before the outage: the pool is warm and busy.
            outageStart = System.nanoTime();
            if (mode.equals("stop")) {
                server.stop(Duration.ofSeconds(10));
            } else {
                server.pause();
            }
            Thread.sleep(OUTAGE.toMillis()); // The outage itself: how long the database is away is the experiment.
            if (mode.equals("stop")) {
                server.start(Duration.ofSeconds(60));
            } else {
                server.resume();
            }
            outageEnd = System.nanoTime();
            Thread.sleep(BACK_WITHIN.toMillis() + 3_000); // Load after the return.
            load.close();
            exchanges = load.exchanges();
        } finally {
            app.close();
        }

        List<Exchange> failed = exchanges.stream().filter(e -> !e.ok()).toList();
        assertThat(failed).as("requests failed during the outage").isNotEmpty();
        assertThat(failed).allSatisfy(e -> {
            assertThat(e.status()).as("status of %s", e).isEqualTo(503);
            assertThat(e.end()).as("failed before the outage: %s", e).isGreaterThanOrEqualTo(outageStart);
            assertThat(e.start())
                    .as("failed after the database's return + 2 s: %s", e)
                    .isLessThanOrEqualTo(outageEnd + BACK_WITHIN.toNanos());
            assertThat(e.took()).as("took longer than the pool timeout: %s", e).isLessThan(POOL_TIMEOUT.plus(SLACK));
        });
        assertThat(exchanges)
                .as("a success within 2 s of the return")
                .anyMatch(e -> e.ok() && e.start() >= outageEnd && e.end() <= outageEnd + BACK_WITHIN.toNanos());
        assertThat(exchanges).as("successes before the outage").anyMatch(e -> e.ok() && e.end() < outageStart);
    }

    private static synchronized ManagedServer server(String engine) throws IOException {
        ManagedServer server = SERVERS.get(engine);
        if (server == null) {
            Engine kind = Engine.named(engine);
            server = ManagedServer.prepare(kind, dir.resolve(engine), dir.resolve(engine + ".log"));
            server.start(Duration.ofSeconds(60));
            SERVERS.put(engine, server);
        }
        return server;
    }
}
