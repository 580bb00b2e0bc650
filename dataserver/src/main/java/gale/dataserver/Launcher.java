package gale.dataserver;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a server's commands. Each server gets SIGTERM when the thread that launched it ends, through util-linux's
 * {@code setpriv --pdeathsig} (so a SIGKILLed Gale leaves no server behind); a program that refuses to run as root
 * (PostgreSQL) runs, when Gale is root, in a user namespace where it is an ordinary user owning the same files.
 */
public final class Launcher {

    /** Who may run a program. */
    public enum Identity {
        ANY,
        NOT_ROOT
    }

    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
    private static final Path UNSHARE = Path.of("/usr/bin/unshare");
    /** The user id PostgreSQL sees inside its namespace; outside, its files belong to Gale's user. */
    private static final int MAPPED_ID = 1000;

    private final boolean root;
    private final boolean parentDeathSignal;

    private Launcher(boolean root, boolean parentDeathSignal) {
        this.root = root;
        this.parentDeathSignal = parentDeathSignal;
    }

    public static Launcher detect() {
        boolean root;
        try {
            root = ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            root = "root".equals(System.getProperty("user.name"));
        }
        return new Launcher(root, Files.isExecutable(SETPRIV));
    }

    boolean root() {
        return root;
    }

    /** The command line that runs {@code command} as {@code identity}, with the parent-death signal set last. */
    List<String> wrap(List<String> command, Identity identity) {
        List<String> wrapped = new ArrayList<>();
        if (root && identity == Identity.NOT_ROOT) {
            wrapped.addAll(
                    List.of(UNSHARE.toString(), "--user", "--map-user=" + MAPPED_ID, "--map-group=" + MAPPED_ID, "--"));
        }
        if (parentDeathSignal) {
            // After unshare: entering the namespace changes credentials, which clears the signal.
            wrapped.addAll(List.of(SETPRIV.toString(), "--pdeathsig", "TERM", "--"));
        }
        wrapped.addAll(command);
        return wrapped;
    }

    /** Starts a server; its output is appended to {@code log}. */
    Process start(List<String> command, Identity identity, Path log) throws IOException {
        return new ProcessBuilder(wrap(command, identity))
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(log.toFile()))
                .redirectInput(Redirect.from(Path.of("/dev/null").toFile()))
                .start();
    }

    /** Runs a set-up step to its end (given {@code input} on stdin), or throws with the log's last lines. */
    void run(List<String> command, Identity identity, Path log, String input, Duration timeout) throws IOException {
        Process process = new ProcessBuilder(wrap(command, identity))
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(log.toFile()))
                .start();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException(command.getFirst() + " did not finish within " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(command.getFirst() + " interrupted", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException(command.getFirst() + " exited with " + process.exitValue() + ": " + LogTail.of(log));
        }
    }
}
