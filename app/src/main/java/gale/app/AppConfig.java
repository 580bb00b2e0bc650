package gale.app;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How one instance of the reference app runs.
 *
 * @param port the TCP port to listen on; 0 picks a free one ({@link ReferenceApp#port()} tells which)
 * @param host the address to bind, {@code 127.0.0.1} by default
 * @param taskId the name this instance answers with (a fleet's task id); {@code local} by default
 * @param dbUrl the JDBC URL of the database shared by every instance; an in-memory H2 database by default
 * @param logFile where one line per request goes, or {@code null} for stdout
 * @param parentPid the process whose death makes this one exit (Gale's), or {@code null}
 * @param shutdownTimeout how long a graceful stop waits for requests in flight
 */
public record AppConfig(
        int port, String host, String taskId, String dbUrl, Path logFile, Long parentPid, Duration shutdownTimeout) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final String DEFAULT_TASK_ID = "local";
    /** Kept while the process lives (DB_CLOSE_DELAY=-1), so that `gale app` alone works. */
    public static final String DEFAULT_DB_URL = "jdbc:h2:mem:gale;DB_CLOSE_DELAY=-1";

    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(20);

    public static final String ENV_PORT = "PORT";
    public static final String ENV_HOST = "GALE_HOST";
    public static final String ENV_TASK_ID = "GALE_TASK_ID";
    public static final String ENV_DB_URL = "GALE_DB_URL";
    public static final String ENV_LOG_FILE = "GALE_LOG_FILE";
    public static final String ENV_PARENT_PID = "GALE_PARENT_PID";

    public AppConfig {
        requireNonNull(host, "host");
        requireNonNull(taskId, "taskId");
        requireNonNull(dbUrl, "dbUrl");
        requireNonNull(shutdownTimeout, "shutdownTimeout");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0-65535)");
        }
        if (taskId.isBlank()) {
            throw new IllegalArgumentException("taskId: '' (expected: a name)");
        }
        if (!dbUrl.startsWith("jdbc:")) {
            throw new IllegalArgumentException("dbUrl: '" + dbUrl + "' (expected: a JDBC URL, jdbc:...)");
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
        return new AppConfig(port, DEFAULT_HOST, DEFAULT_TASK_ID, DEFAULT_DB_URL, null, null, DEFAULT_SHUTDOWN_TIMEOUT);
    }

    /**
     * Reads the configuration as a launch template passes it: {@code PORT} (8080 when unset), {@code GALE_HOST},
     * {@code GALE_TASK_ID}, {@code GALE_DB_URL}, {@code GALE_LOG_FILE}, {@code GALE_PARENT_PID}.
     */
    public static AppConfig fromEnvironment(Map<String, String> env) {
        return new AppConfig(
                parse(env, ENV_PORT, 8080),
                env.getOrDefault(ENV_HOST, DEFAULT_HOST),
                env.getOrDefault(ENV_TASK_ID, DEFAULT_TASK_ID),
                env.getOrDefault(ENV_DB_URL, DEFAULT_DB_URL),
                env.containsKey(ENV_LOG_FILE) ? Path.of(env.get(ENV_LOG_FILE)) : null,
                env.containsKey(ENV_PARENT_PID) ? (long) parse(env, ENV_PARENT_PID, 0) : null,
                DEFAULT_SHUTDOWN_TIMEOUT);
    }

    public AppConfig withPort(int newPort) {
        return new AppConfig(newPort, host, taskId, dbUrl, logFile, parentPid, shutdownTimeout);
    }

    public AppConfig withTaskId(String newTaskId) {
        return new AppConfig(port, host, newTaskId, dbUrl, logFile, parentPid, shutdownTimeout);
    }

    public AppConfig withDbUrl(String newDbUrl) {
        return new AppConfig(port, host, taskId, newDbUrl, logFile, parentPid, shutdownTimeout);
    }

    public AppConfig withLogFile(Path newLogFile) {
        return new AppConfig(port, host, taskId, dbUrl, newLogFile, parentPid, shutdownTimeout);
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
}
