package gale.fleet.process;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes the kernel send a task SIGTERM when Gale dies, even by SIGKILL, when neither {@code close()} nor the shutdown
 * hook can run: the task is launched through util-linux's {@code setpriv --pdeathsig TERM}, which sets the signal and
 * then executes the task's command in the same process (same pid). Linux sends it when the <em>thread</em> that
 * launched the process ends, so tasks must be launched from a thread that outlives them: the fleet's supervision
 * thread, which ends only after every task has stopped.
 */
public final class ParentDeathSignal {
    private static final String SETPRIV = "/usr/bin/setpriv";
    private static final List<String> PREFIX = List.of(SETPRIV, "--pdeathsig", "TERM", "--");

    private final boolean available;

    private ParentDeathSignal(boolean available) {
        this.available = available;
    }

    /** Tries {@code setpriv --pdeathsig} once (util-linux 2.33+); without it tasks are launched as they are. */
    public static ParentDeathSignal detect() {
        if (!Files.isExecutable(Path.of(SETPRIV))) {
            return new ParentDeathSignal(false);
        }
        List<String> probe = new ArrayList<>(PREFIX);
        probe.add("true");
        try {
            Process process = new ProcessBuilder(probe)
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.DISCARD)
                    .start();
            boolean exited = process.waitFor(5, TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly();
            }
            return new ParentDeathSignal(exited && process.exitValue() == 0);
        } catch (IOException e) {
            return new ParentDeathSignal(false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ParentDeathSignal(false);
        }
    }

    public boolean available() {
        return available;
    }

    /**
     * The spec to launch so that the task gets SIGTERM when this thread ends; unchanged when unavailable. A program
     * that cannot be run fails here, as {@link ProcessBuilder#start()} would: behind setpriv it would only exit 127.
     */
    public LaunchSpec wrap(LaunchSpec spec) throws IOException {
        if (!available) {
            return spec;
        }
        requireRunnable(spec.command().getFirst(), spec.workingDirectory());
        List<String> wrapped = new ArrayList<>(PREFIX.size() + spec.command().size());
        wrapped.addAll(PREFIX);
        wrapped.addAll(spec.command());
        return spec.withCommand(wrapped);
    }

    /** Where {@code execvp} would look: a path as given (against the working directory), else each PATH entry. */
    private static void requireRunnable(String program, Path workingDirectory) throws IOException {
        if (program.contains("/")) {
            Path path = Path.of(program);
            if (!path.isAbsolute() && workingDirectory != null) {
                path = workingDirectory.resolve(path);
            }
            if (runnable(path)) {
                return;
            }
        } else {
            for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
                if (runnable(Path.of(entry.isEmpty() ? "." : entry, program))) {
                    return;
                }
            }
        }
        throw new IOException("Cannot run program \"" + program + "\": no such executable file");
    }

    private static boolean runnable(Path path) {
        return Files.isRegularFile(path) && Files.isExecutable(path);
    }

    public String describe() {
        return available
                ? "tasks get SIGTERM if Gale dies (setpriv --pdeathsig)"
                : "no setpriv --pdeathsig: a task outlives a SIGKILLed Gale unless it watches GALE_PARENT_PID";
    }
}
