package gale.app;

import gale.app.cache.CacheConfig;
import gale.app.cache.CacheEngine;
import gale.app.data.DataConfig;
import gale.dataserver.Engine;
import gale.dataserver.ManagedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The app's test suite runs on every database and cache: one MariaDB, one PostgreSQL and one Redis server per test
 * JVM, started on first use in a temporary folder on ephemeral ports and stopped when the JVM exits; each app gets
 * a database of its own on them and a Redis database emptied for it.
 */
final class TestDataTier {

    /** The databases the suite runs on. */
    enum Db {
        H2,
        MARIADB,
        POSTGRESQL
    }

    private static final Map<Db, ManagedServer> SERVERS = new EnumMap<>(Db.class);
    private static ManagedServer redis;
    private static final AtomicInteger REDIS_DATABASES = new AtomicInteger();
    private static final int REDIS_DATABASE_COUNT = 16;
    private static Path root;

    private TestDataTier() {}

    /** Every database with every cache. */
    static Stream<Arguments> matrix() {
        List<Arguments> all = new ArrayList<>();
        for (Db db : Db.values()) {
            for (CacheEngine cache : CacheEngine.values()) {
                all.add(Arguments.of(db, cache));
            }
        }
        return all.stream();
    }

    /** Every database, with the default cache. */
    static Stream<Db> databases() {
        return Stream.of(Db.values());
    }

    /** A new, empty database on {@code db}'s server. */
    static DataConfig freshDatabase(Db db) {
        String name = "test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        return switch (db) {
            case H2 -> DataConfig.of("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
            case MARIADB, POSTGRESQL -> {
                ManagedServer server = server(db);
                String admin = server.url();
                try (Connection connection = DriverManager.getConnection(admin, Engine.DATABASE, "");
                        Statement statement = connection.createStatement()) {
                    statement.execute("CREATE DATABASE " + name);
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
                }
                yield DataConfig.of(admin.substring(0, admin.lastIndexOf('/') + 1) + name)
                        .withUser(Engine.DATABASE, "");
            }
        };
    }

    /** The cache config for {@code engine}; for Redis, a database of the shared server emptied for this app. */
    static CacheConfig cache(CacheEngine engine) {
        if (engine != CacheEngine.REDIS) {
            return CacheConfig.of(engine);
        }
        ManagedServer server = redisServer();
        int database = REDIS_DATABASES.getAndIncrement() % REDIS_DATABASE_COUNT;
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.getOutputStream()
                    .write(("SELECT " + database + "\r\nFLUSHDB\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout(5_000);
            String answers = new String(socket.getInputStream().readNBytes(10), StandardCharsets.US_ASCII);
            if (!answers.equals("+OK\r\n+OK\r\n")) {
                throw new IllegalStateException("redis: " + answers);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return CacheConfig.redis(server.url() + "/" + database);
    }

    /** The shared server of a database engine, started on first use. */
    static synchronized ManagedServer server(Db db) {
        return SERVERS.computeIfAbsent(db, d -> start(d == Db.MARIADB ? Engine.MARIADB : Engine.POSTGRESQL));
    }

    static synchronized ManagedServer redisServer() {
        if (redis == null) {
            redis = start(Engine.REDIS);
        }
        return redis;
    }

    private static ManagedServer start(Engine engine) {
        try {
            if (root == null) {
                root = Files.createTempDirectory("gale-data-tier");
                Runtime.getRuntime().addShutdownHook(new Thread(TestDataTier::stopAll, "gale-test-data-tier"));
            }
            ManagedServer server =
                    ManagedServer.prepare(engine, root.resolve(engine.name()), root.resolve(engine.name() + ".log"));
            server.start(Duration.ofSeconds(60));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized void stopAll() {
        SERVERS.values().forEach(server -> server.stop(Duration.ofSeconds(10)));
        if (redis != null) {
            redis.stop(Duration.ofSeconds(5));
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Best effort: the folder is under the system's temporary directory.
        }
    }
}
