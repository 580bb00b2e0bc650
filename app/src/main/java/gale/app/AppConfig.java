package gale.app;

import static java.util.Objects.requireNonNull;

import gale.app.cache.CacheConfig;
import gale.app.cache.CacheEngine;
import gale.app.capacity.Capacity;
import gale.app.data.DataConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How one instance of the reference app runs.
 *
 * @param port the TCP port to listen on; 0 picks a free one ({@link ReferenceApp#port()} tells which)
 * @param host the address to bind, {@code 127.0.0.1} by default
 * @param taskId the name this instance answers with (a fleet's task id); {@code local} by default
 * @param database the database shared by every instance and its pool; an in-memory H2 database by default
 * @param cache the cache in front of it; Caffeine by default
 * @param logFile where one line per request goes, or {@code null} for stdout
 * @param parentPid the process whose death makes this one exit (Gale's), or {@code null}
 * @param shutdownTimeout how long a graceful stop waits for requests in flight
 * @param revision the revision of its service's task definition (a fleet's {@code GALE_REVISION}); 0 when run alone
 * @param fault a bad version on purpose ({@code GALE_APP_FAULT}), {@link AppFault#NONE} by default
 * @param capacity its connection and worker limits ({@code GALE_APP_MAX_CONNECTIONS}, {@code GALE_APP_WORKERS}),
 *     {@link Capacity#UNLIMITED} by default
 */
public record AppConfig(
        int port,
        String host,
        String taskId,
        DataConfig database,
        CacheConfig cache,
        Path logFile,
        Long parentPid,
        Duration shutdownTimeout,
        int revision,
        AppFault fault,
        Capacity capacity) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final String DEFAULT_TASK_ID = "local";
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(20);

    public static final String ENV_PORT = "PORT";
    public static final String ENV_HOST = "GALE_HOST";
    public static final String ENV_TASK_ID = "GALE_TASK_ID";
    public static final String ENV_DB_URL = "GALE_DB_URL";
    public static final String ENV_DB_USER = "GALE_DB_USER";
    public static final String ENV_DB_PASSWORD = "GALE_DB_PASSWORD";
    public static final String ENV_DB_POOL_SIZE = "GALE_DB_POOL_SIZE";
    public static final String ENV_DB_CONNECTION_TIMEOUT_MS = "GALE_DB_CONNECTION_TIMEOUT_MS";
    public static final String ENV_DB_QUERY_TIMEOUT_MS = "GALE_DB_QUERY_TIMEOUT_MS";
    public static final String ENV_DB_CATALOGUE_INDEX = "GALE_DB_CATALOGUE_INDEX";
    public static final String ENV_CACHE_ENGINE = "GALE_CACHE_ENGINE";
    public static final String ENV_CACHE_URL = "GALE_CACHE_URL";
    public static final String ENV_CACHE_TTL_MS = "GALE_CACHE_TTL_MS";
    public static final String ENV_LOG_FILE = "GALE_LOG_FILE";
    public static final String ENV_PARENT_PID = "GALE_PARENT_PID";
    public static final String ENV_REVISION = "GALE_REVISION";

    public AppConfig {
        requireNonNull(host, "host");
        requireNonNull(taskId, "taskId");
        requireNonNull(database, "database");
        requireNonNull(cache, "cache");
        requireNonNull(shutdownTimeout, "shutdownTimeout");
        requireNonNull(fault, "fault");
        requireNonNull(capacity, "capacity");
        if (revision < 0) {
            throw new IllegalArgumentException("revision: " + revision + " (expected: >= 0)");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0-65535)");
        }
        if (taskId.isBlank()) {
            throw new IllegalArgumentException("taskId: '' (expected: a name)");
        }
        if (parentPid != null && parentPid <= 0) {
            throw new IllegalArgumentException("parentPid: " + parentPid + " (expected: > 0)");
        }
        if (shutdownTimeout.isNegative()) {
            throw new IllegalArgumentException("shutdownTimeout: " + shutdownTimeout + " (expected: >= 0)");
        }
    }

    /** Listens on the port with every other setting at its default. */
    public static AppConfig onPort(int port) {
        return new AppConfig(
                port,
                DEFAULT_HOST,
                DEFAULT_TASK_ID,
                DataConfig.of(DataConfig.DEFAULT_URL),
                CacheConfig.DEFAULT,
                null,
                null,
                DEFAULT_SHUTDOWN_TIMEOUT,
                0,
                AppFault.NONE,
                Capacity.UNLIMITED);
    }

    /**
     * Reads the configuration as a launch template passes it: {@code PORT} (8080 when unset), {@code GALE_HOST},
     * {@code GALE_TASK_ID}, {@code GALE_DB_*}, {@code GALE_CACHE_*}, {@code GALE_LOG_FILE}, {@code GALE_PARENT_PID},
     * {@code GALE_REVISION}, {@code GALE_APP_FAULT}, {@code GALE_APP_MAX_CONNECTIONS}, {@code GALE_APP_WORKERS},
     * {@code GALE_APP_SERVICE_TIME_MS}
     * (docs/app.md). A variable that is not set keeps the default of {@link DataConfig} or {@link CacheConfig}.
     */
    public static AppConfig fromEnvironment(Map<String, String> env) {
        DataConfig defaults = DataConfig.of(env.getOrDefault(ENV_DB_URL, DataConfig.DEFAULT_URL));
        DataConfig database = new DataConfig(
                defaults.url(),
                Optional.ofNullable(env.get(ENV_DB_USER)),
                Optional.ofNullable(env.get(ENV_DB_PASSWORD)),
                parse(env, ENV_DB_POOL_SIZE, defaults.poolSize()),
                millis(env, ENV_DB_CONNECTION_TIMEOUT_MS, defaults.connectionTimeout()),
                millis(env, ENV_DB_QUERY_TIMEOUT_MS, defaults.queryTimeout()),
                bool(env, ENV_DB_CATALOGUE_INDEX, defaults.catalogueIndex()));
        CacheConfig cache = new CacheConfig(
                env.containsKey(ENV_CACHE_ENGINE)
                        ? CacheEngine.parse(env.get(ENV_CACHE_ENGINE))
                        : env.containsKey(ENV_CACHE_URL) ? CacheEngine.REDIS : CacheConfig.DEFAULT_ENGINE,
                Optional.ofNullable(env.get(ENV_CACHE_URL)),
                millis(env, ENV_CACHE_TTL_MS, CacheConfig.DEFAULT_TTL));
        return new AppConfig(
                parse(env, ENV_PORT, 8080),
                env.getOrDefault(ENV_HOST, DEFAULT_HOST),
                env.getOrDefault(ENV_TASK_ID, DEFAULT_TASK_ID),
                database,
                cache,
                env.containsKey(ENV_LOG_FILE) ? Path.of(env.get(ENV_LOG_FILE)) : null,
                env.containsKey(ENV_PARENT_PID) ? (long) parse(env, ENV_PARENT_PID, 0) : null,
                DEFAULT_SHUTDOWN_TIMEOUT,
                parse(env, ENV_REVISION, 0),
                AppFault.parse(env.get(AppFault.ENV)),
                new Capacity(
                        parse(env, Capacity.ENV_MAX_CONNECTIONS, 0),
                        parse(env, Capacity.ENV_WORKERS, 0),
                        millis(env, Capacity.ENV_SERVICE_TIME_MS, Duration.ZERO)));
    }

    public AppConfig withPort(int newPort) {
        return new AppConfig(
                newPort, host, taskId, database, cache, logFile, parentPid, shutdownTimeout, revision, fault, capacity);
    }

    public AppConfig withHost(String newHost) {
        return new AppConfig(
                port, newHost, taskId, database, cache, logFile, parentPid, shutdownTimeout, revision, fault, capacity);
    }

    public AppConfig withTaskId(String newTaskId) {
        return new AppConfig(
                port, host, newTaskId, database, cache, logFile, parentPid, shutdownTimeout, revision, fault, capacity);
    }

    /** The database at {@code url}, its pool at the defaults. */
    public AppConfig withDbUrl(String url) {
        return withDatabase(DataConfig.of(url));
    }

    public AppConfig withDatabase(DataConfig newDatabase) {
        return new AppConfig(
                port, host, taskId, newDatabase, cache, logFile, parentPid, shutdownTimeout, revision, fault, capacity);
    }

    public AppConfig withCache(CacheConfig newCache) {
        return new AppConfig(
                port, host, taskId, database, newCache, logFile, parentPid, shutdownTimeout, revision, fault, capacity);
    }

    public AppConfig withLogFile(Path newLogFile) {
        return new AppConfig(
                port, host, taskId, database, cache, newLogFile, parentPid, shutdownTimeout, revision, fault, capacity);
    }

    public AppConfig withFault(AppFault newFault) {
        return new AppConfig(
                port, host, taskId, database, cache, logFile, parentPid, shutdownTimeout, revision, newFault, capacity);
    }

    public AppConfig withRevision(int newRevision) {
        return new AppConfig(
                port, host, taskId, database, cache, logFile, parentPid, shutdownTimeout, newRevision, fault, capacity);
    }

    public AppConfig withCapacity(Capacity newCapacity) {
        return new AppConfig(
                port, host, taskId, database, cache, logFile, parentPid, shutdownTimeout, revision, fault, newCapacity);
    }

    private static int parse(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + value + "' (expected: a number)");
        }
    }

    private static Duration millis(Map<String, String> env, String name, Duration fallback) {
        return env.containsKey(name) ? Duration.ofMillis(parse(env, name, 0)) : fallback;
    }

    private static boolean bool(Map<String, String> env, String name, boolean fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(name + ": '" + value + "' (expected: true or false)");
        };
    }
}
