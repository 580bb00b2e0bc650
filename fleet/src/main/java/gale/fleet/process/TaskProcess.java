package gale.fleet.process;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * A launched task process: its signals and its exit. Remembers the descendants it has seen so that none
 * survives it: once a parent dies its children are re-parented and can no longer be found from it.
 */
public final class TaskProcess {

    private final Process process;
    private final Set<ProcessHandle> seenDescendants = new HashSet<>();

    private TaskProcess(Process process) {
        this.process = process;
    }

    /** Starts the process, stdout and stderr appended to the spec's log file. */
    public static TaskProcess launch(LaunchSpec spec) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(spec.command())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(spec.logFile().toFile()))
                .redirectInput(Redirect.from(nullDevice()));
        if (spec.workingDirectory() != null) {
            builder.directory(spec.workingDirectory().toFile());
        }
        builder.environment().putAll(spec.env());
        return new TaskProcess(builder.start());
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Completes with the exit code (128 + signal number when a signal killed it). */
    public CompletableFuture<Integer> onExit() {
        return process.onExit().thenApply(Process::exitValue);
    }

    /** The process and its live descendants, for CPU and memory sampling; remembers the descendants. */
    public synchronized List<ProcessHandle> handles() {
        List<ProcessHandle> descendants = process.descendants().toList();
        seenDescendants.addAll(descendants);
        seenDescendants.removeIf(handle -> !handle.isAlive());
        return Stream.concat(Stream.of(process.toHandle()), descendants.stream())
                .toList();
    }

    /** SIGTERM to the process: it may shut down cleanly (and stop its own children). */
    public void terminate() {
        handles();
        process.destroy();
    }

    /** SIGKILL to the process and to every descendant it has had that still lives. */
    public synchronized void kill() {
        handles();
        process.destroyForcibly();
        killLeftovers();
    }

    /** SIGKILL to descendants that outlived the process (call once it has exited). */
    public synchronized void killLeftovers() {
        for (ProcessHandle handle : seenDescendants) {
            if (handle.isAlive()) {
                handle.destroyForcibly();
            }
        }
    }

    /** The descendants seen so far that still live (none, normally, once the task is stopped). */
    public synchronized List<ProcessHandle> leftovers() {
        return seenDescendants.stream().filter(ProcessHandle::isAlive).toList();
    }

    private static File nullDevice() {
        return new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
