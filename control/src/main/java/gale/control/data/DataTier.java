package gale.control.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gale.app.AppConfig;
import gale.app.cache.CacheConfig;
import gale.control.database.EmbeddedDatabase;
import gale.control.database.OutageTarget;
import gale.control.events.EventLog;
import gale.control.stack.CacheSpec;
import gale.control.stack.DatabaseSpec;
import gale.dataserver.Engine;
import gale.dataserver.ManagedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The stack's data tier, started before the tasks and stopped after them: the database (embedded H2, a managed
 * MariaDB or PostgreSQL server, or the user's by URL) and the cache (in each task, a managed Redis server, or the
 * user's). It gives the tasks their {@code GALE_DB_*} and {@code GALE_CACHE_*} environment: only what the stack file
 * says, and the addresses of the servers Gale runs; the app's own defaults do the rest.
 */
public final class DataTier implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> taskEnvironment;
    private final EmbeddedDatabase embedded;
    private final List<DataServerSupervisor> managed;
    private final DatabaseSpec database;
    private final CacheSpec cache;

    private DataTier(
            Map<String, String> taskEnvironment,
            EmbeddedDatabase embedded,
            List<DataServerSupervisor> managed,
            DatabaseSpec database,
            CacheSpec cache) {
        this.taskEnvironment = Map.copyOf(taskEnvironment);
        this.embedded = embedded;
        this.managed = List.copyOf(managed);
        this.database = database;
        this.cache = cache;
    }

    /**
     * Starts what the stack runs itself, its files under {@code folder} (kept across runs; emptied first when
     * {@code fresh}) and its logs in {@code logs}. Missing binaries fail before anything starts.
     *
     * @throws gale.dataserver.MissingBinaryException naming the Debian package to install
     * @throws IllegalStateException when a server does not start (what started is stopped again)
     */
    public static DataTier start(
            DatabaseSpec database, CacheSpec cache, Path folder, Path logs, boolean fresh, EventLog events) {
        Optional<Engine> databaseServer = database.managed()
                ? Optional.of(database.engine() == DatabaseSpec.Engine.MARIADB ? Engine.MARIADB : Engine.POSTGRESQL)
                : Optional.empty();
        databaseServer.ifPresent(ManagedServer::requireBinaries);
        if (cache.managedRedis()) {
            ManagedServer.requireBinaries(Engine.REDIS);
        }
        if (fresh) {
            empty(folder);
        }
        Map<String, String> env = new HashMap<>();
        List<DataServerSupervisor> supervisors = new ArrayList<>();
        EmbeddedDatabase embedded = null;
        try {
            if (database.embedded()) {
                embedded = EmbeddedDatabase.start(folder);
                env.put(AppConfig.ENV_DB_URL, embedded.jdbcUrl());
            } else if (databaseServer.isPresent()) {
                DataServerSupervisor server = supervise("database", databaseServer.get(), folder, logs, events);
                supervisors.add(server);
                env.put(AppConfig.ENV_DB_URL, server.server().url());
                env.put(AppConfig.ENV_DB_USER, Engine.DATABASE);
            } else {
                env.put(AppConfig.ENV_DB_URL, database.url().orElseThrow());
                database.user().ifPresent(user -> env.put(AppConfig.ENV_DB_USER, user));
                database.password().ifPresent(password -> env.put(AppConfig.ENV_DB_PASSWORD, password));
            }
            database.poolSize().ifPresent(size -> env.put(AppConfig.ENV_DB_POOL_SIZE, Integer.toString(size)));
            database.connectionTimeout()
                    .ifPresent(t -> env.put(AppConfig.ENV_DB_CONNECTION_TIMEOUT_MS, Long.toString(t.toMillis())));
            database.queryTimeout()
                    .ifPresent(t -> env.put(AppConfig.ENV_DB_QUERY_TIMEOUT_MS, Long.toString(t.toMillis())));
            database.catalogueIndex()
                    .ifPresent(index -> env.put(AppConfig.ENV_DB_CATALOGUE_INDEX, Boolean.toString(index)));

            cache.engine().ifPresent(engine -> env.put(AppConfig.ENV_CACHE_ENGINE, engine.label()));
            if (cache.managedRedis()) {
                DataServerSupervisor server = supervise("cache", Engine.REDIS, folder, logs, events);
                supervisors.add(server);
                env.put(AppConfig.ENV_CACHE_URL, server.server().url());
            }
            cache.url().ifPresent(url -> env.put(AppConfig.ENV_CACHE_URL, url));
            cache.ttl().ifPresent(ttl -> env.put(AppConfig.ENV_CACHE_TTL_MS, Long.toString(ttl.toMillis())));
            return new DataTier(env, embedded, supervisors, database, cache);
        } catch (RuntimeException e) {
            supervisors.forEach(DataServerSupervisor::close);
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
    }

    private static DataServerSupervisor supervise(String role, Engine engine, Path folder, Path logs, EventLog events) {
        ManagedServer server =
                ManagedServer.prepare(engine, folder.resolve(engine.name()), logs.resolve(engine.name() + ".log"));
        return DataServerSupervisor.start(role, server, events);
    }

    /** {@code GALE_DB_*} and {@code GALE_CACHE_*} for every task. */
    public Map<String, String> taskEnvironment() {
        return taskEnvironment;
    }

    /** The server a {@code database-outage} fault acts on: the embedded one or the managed one; none by URL. */
    public Optional<OutageTarget> databaseTarget() {
        if (embedded != null) {
            return Optional.of(embedded);
        }
        return managed.stream()
                .filter(s -> s.server().engine() != Engine.REDIS)
                .map(s -> (OutageTarget) s)
                .findFirst();
    }

    /** The managed Redis server, as an outage target too. */
    public Optional<OutageTarget> cacheTarget() {
        return managed.stream()
                .filter(s -> s.server().engine() == Engine.REDIS)
                .map(s -> (OutageTarget) s)
                .findFirst();
    }

    /** {@code gale status}'s {@code data} array: the database and the cache, managed or not. */
    public ArrayNode status() {
        ArrayNode rows = JSON.createArrayNode();
        Optional<DataServerSupervisor> managedDatabase = managed.stream()
                .filter(s -> s.server().engine() != Engine.REDIS)
                .findFirst();
        ObjectNode db = rows.addObject();
        if (managedDatabase.isPresent()) {
            managedDatabase.get().describeInto(db);
        } else {
            db.put("name", "database");
            db.put("engine", database.engine().label());
            db.put("managed", embedded != null);
            db.put(
                    "address",
                    embedded != null
                            ? "127.0.0.1:" + embedded.port()
                            : database.url().orElse(""));
            db.put("state", embedded != null ? "RUNNING" : "EXTERNAL");
        }
        ObjectNode cacheRow = rows.addObject();
        Optional<DataServerSupervisor> redis = managed.stream()
                .filter(s -> s.server().engine() == Engine.REDIS)
                .findFirst();
        if (redis.isPresent()) {
            redis.get().describeInto(cacheRow);
        } else {
            cacheRow.put("name", "cache");
            cacheRow.put(
                    "engine", cache.engine().orElse(CacheConfig.DEFAULT_ENGINE).label());
            cacheRow.put("managed", false);
            cacheRow.put("address", cache.url().orElse("in each task"));
            cacheRow.put("state", cache.url().isPresent() ? "EXTERNAL" : "IN_TASK");
        }
        return rows;
    }

    /** Stops the managed servers cleanly (the cache, then the database), then the embedded one. */
    @Override
    public void close() {
        for (int i = managed.size() - 1; i >= 0; i--) {
            managed.get(i).close();
        }
        if (embedded != null) {
            embedded.close();
        }
    }

    private static void empty(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                if (!path.equals(folder)) {
                    Files.delete(path);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("--fresh: cannot empty " + folder + ": " + e.getMessage(), e);
        }
    }
}
