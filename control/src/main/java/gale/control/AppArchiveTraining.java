package gale.control;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the built-in app's class data sharing archive once per build: one JVM of the app, started as a task starts
 * but with {@code -XX:ArchiveClassesAtExit}, serves a few requests and is stopped; the archive it writes at exit goes
 * to a temporary file and is renamed into place only when the JVM exited cleanly. Tasks only ever read the archive.
 *
 * <p>Why not {@code -XX:+AutoCreateSharedArchive} on the tasks: every task then writes the same file when it exits,
 * so the tasks of a fresh build stopped together can leave a torn archive that each later task JVM crashes on at
 * start, and the first stop after a build takes seconds longer. A file lock beside the archive keeps trainings of
 * one build, in this process or another, to one at a time; a training that fails leaves a marker so that the build
 * runs without an archive rather than retraining at every start.
 */
final class AppArchiveTraining implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(AppArchiveTraining.class);

    /** The routes a task serves most, so that their classes are archived too, not only the start-up's. */
    private static final List<String> WARM_UP_PATHS = List.of("/health", "/", "/ready", "/metrics");

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(60);

    private final Path archive;
    private final String java;
    private final List<String> launchArguments;
    private final Runnable onWritten;

    /**
     * @param java the java binary of the tasks
     * @param launchArguments the tasks' arguments after {@code java}: their JVM options, class path and main class
     * @param onWritten run once the archive is in place
     */
    AppArchiveTraining(Path archive, String java, List<String> launchArguments, Runnable onWritten) {
        this.archive = archive;
        this.java = java;
        this.launchArguments = List.copyOf(launchArguments);
        this.onWritten = onWritten;
    }

    /** The marker a failed training leaves: its build runs without an archive. */
    static Path failureMarker(Path archive) {
        return archive.resolveSibling(archive.getFileName() + ".failed");
    }

    /** Trains in a daemon thread: the stack starts meanwhile, its first tasks without the archive. */
    void startInBackground() {
        Thread thread = new Thread(this, "gale-cds-training");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        Path lockFile = archive.resolveSibling(archive.getFileName() + ".lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = tryLock(channel)) {
            if (lock == null || Files.exists(archive) || Files.exists(failureMarker(archive))) {
                return; // another training holds the lock, or has finished since the caller looked
            }
            train();
        } catch (IOException e) {
            log.warn("Tasks start without a class data sharing archive: the training failed ({})", e.toString());
            markFailed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by a training in this JVM
        }
    }

    private void train() throws IOException, InterruptedException {
        Path written = archive.resolveSibling(
                archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        Files.deleteIfExists(written);
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(java);
        command.add("-XX:ArchiveClassesAtExit=" + written);
        command.add("-Xlog:cds=off");
        command.addAll(launchArguments);
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("GALE_TASK_ID", "cds-training");
        // The app exits when this process dies: a training never outlives Gale.
        builder.environment()
                .put("GALE_PARENT_PID", Long.toString(ProcessHandle.current().pid()));
        Process app = builder.start();
        try {
            warmUp(app, port);
            app.destroy(); // SIGTERM: the app stops gracefully and the JVM writes the archive as it exits
            if (!app.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("the training JVM did not exit within " + EXIT_TIMEOUT.toSeconds() + " s");
            }
            if (app.exitValue() != 0 || !Files.isRegularFile(written) || Files.size(written) == 0) {
                throw new IOException("the training JVM exited with " + app.exitValue() + " and no archive");
            }
            Files.move(written, archive, StandardCopyOption.ATOMIC_MOVE);
            log.debug("Wrote the class data sharing archive {}", archive);
            onWritten.run();
        } finally {
            app.destroyForcibly();
            Files.deleteIfExists(written);
        }
    }

    /** Waits for the app to answer its health check, then asks each warm-up path once. */
    private static void warmUp(Process app, int port) throws IOException, InterruptedException {
        try (HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
            while (!answers(client, port, WARM_UP_PATHS.getFirst())) {
                if (!app.isAlive()) {
                    throw new IOException("the training JVM exited with " + app.exitValue() + " before serving");
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("the training JVM did not serve within " + READY_TIMEOUT.toSeconds() + " s");
                }
                Thread.sleep(100); // polls a process that has no other way to say it listens
            }
            for (String path : WARM_UP_PATHS) {
                answers(client, port, path);
            }
        }
    }

    private static boolean answers(HttpClient client, int port, String path) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5))
                .build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void markFailed() {
        try {
            Files.writeString(failureMarker(archive), "the training of this archive failed; delete to retry\n");
        } catch (IOException e) {
            log.debug("Could not mark {} as failed", archive, e);
        }
    }
}
