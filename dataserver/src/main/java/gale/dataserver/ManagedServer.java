package gale.dataserver;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One server process of an {@link Engine}, on a port of 127.0.0.1 chosen once and kept across restarts (clients keep
 * their URL), its files in a data folder kept across runs, its output appended to a log file. Not thread-safe: one
 * owner starts and stops it, from a thread that outlives the process (the parent-death signal is bound to it).
 */
public final class ManagedServer {

    private final Engine engine;
    private final Path dataFolder;
    private final Path logFile;
    private final int port;
    private final Launcher launcher;
    private volatile Process process;

    private ManagedServer(Engine engine, Path dataFolder, Path logFile, int port, Launcher launcher) {
        this.engine = engine;
        this.dataFolder = dataFolder;
        this.logFile = logFile;
        this.port = port;
        this.launcher = launcher;
    }

    /**
     * Checks the binaries and sets up the data folder when it is empty; starts nothing.
     *
     * @throws MissingBinaryException when a binary is missing, naming the Debian package
     * @throws UncheckedIOException when the data folder can't be set up (with the set-up log's last lines)
     */
    public static ManagedServer prepare(Engine engine, Path dataFolder, Path logFile) {
        requireNonNull(engine, "engine");
        requireNonNull(dataFolder, "dataFolder");
        requireNonNull(logFile, "logFile");
        requireBinaries(engine);
        Launcher launcher = Launcher.detect();
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            if (!engine.initialized(dataFolder)) {
                engine.initialize(dataFolder, launcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    engine.name() + ": cannot set up the data folder " + dataFolder + ": " + e.getMessage(), e);
        }
        return new ManagedServer(engine, dataFolder, logFile, freePort(), launcher);
    }

    /** @throws MissingBinaryException when one of the engine's binaries is not installed */
    public static void requireBinaries(Engine engine) {
        requireBinaries(engine.name(), engine.debianPackage(), engine.binaries());
    }

    static void requireBinaries(String engine, String debianPackage, List<Path> binaries) {
        for (Path binary : binaries) {
            if (!Files.isExecutable(binary)) {
                throw new MissingBinaryException(engine + ": " + binary + " is not installed (expected: the Debian "
                        + "package " + debianPackage + "; sudo apt-get install " + debianPackage + ")");
            }
        }
    }

    /**
     * Launches the server and waits until it accepts clients.
     *
     * @throws IOException when it exits or does not accept clients within {@code timeout} (it is killed then)
     */
    public void start(Duration timeout) throws IOException {
        if (alive()) {
            throw new IllegalStateException(engine.name() + ": already running (pid " + process.pid() + ")");
        }
        Process started = launcher.start(engine.command(dataFolder, port, launcher), engine.identity(), logFile);
        process = started;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!engine.ready(port)) {
            if (!started.isAlive()) {
                throw new IOException(engine.name() + ": exited with " + started.exitValue() + " while starting: "
                        + LogTail.of(logFile));
            }
            if (System.nanoTime() > deadline) {
                kill();
                throw new IOException(engine.name() + ": not accepting clients on 127.0.0.1:" + port + " after "
                        + timeout.toSeconds() + " s: " + LogTail.of(logFile));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
                throw new IOException(engine.name() + ": interrupted while starting", e);
            }
        }
    }

    /** Whether it accepts clients now (its health check). */
    public boolean ready() {
        return alive() && engine.ready(port);
    }

    public boolean alive() {
        Process current = process;
        return current != null && current.isAlive();
    }

    /** The running process's id, if any. */
    public Optional<Long> pid() {
        Process current = process;
        return current != null && current.isAlive() ? Optional.of(current.pid()) : Optional.empty();
    }

    /** Completes when the current process exits, with its exit code. */
    public CompletableFuture<Integer> onExit() {
        Process current = requireNonNull(process, "not started");
        return current.onExit().thenApply(Process::exitValue);
    }

    /** The server's process and every process it started (PostgreSQL's backends), server first; empty when down. */
    public List<Long> pids() {
        Process current = process;
        if (current == null || !current.isAlive()) {
            return List.of();
        }
        try (Stream<ProcessHandle> descendants = current.toHandle().descendants()) {
            return Stream.concat(Stream.of(current.toHandle()), descendants)
                    .map(ProcessHandle::pid)
                    .toList();
        }
    }

    /** SIGTERM (a clean shutdown: data flushed), then SIGKILL after {@code grace}. */
    public void stop(Duration grace) {
        Process current = process;
        if (current == null || !current.isAlive()) {
            return;
        }
        resume(); // A paused server can't shut down.
        current.destroy();
        try {
            if (!current.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
                current.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    /** SIGKILL to the server and every process it started (PostgreSQL's backends), as a crash would. */
    public void kill() {
        signal("KILL");
    }

    /**
     * SIGSTOP to the server and its processes: it holds every connection and answers nothing, like a hung host. The
     * caller must {@link #resume()}: nothing does it if the caller dies (control hangs servers through the fleet's
     * guard process instead).
     */
    public void pause() {
        signal("STOP");
    }

    /** SIGCONT: a paused server answers again. */
    public void resume() {
        signal("CONT");
    }

    public Engine engine() {
        return engine;
    }

    public int port() {
        return port;
    }

    /** The address clients use: a JDBC URL, or {@code redis://} for Redis. */
    public String url() {
        return engine.url(port);
    }

    public Path dataFolder() {
        return dataFolder;
    }

    public Path logFile() {
        return logFile;
    }

    private void signal(String name) {
        List<Long> pids = pids();
        if (pids.isEmpty()) {
            return;
        }
        // The server first, so that it starts no new process meanwhile.
        List<String> command = Stream.concat(
                        Stream.of("kill", "-" + name), pids.stream().map(String::valueOf))
                .toList();
        try {
            Process kill = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            kill.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException("kill -" + name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1: " + e.getMessage(), e);
        }
    }
}
