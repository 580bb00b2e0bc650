package gale.fleet.fault;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A small shell process that applies a fault to a task and reverts it when its standard input ends. Gale holds the
 * write end of that pipe and nothing else does (a JVM's children inherit only descriptors 0-2), so the input ends when
 * Gale reverts the fault, and also when Gale dies, even by SIGKILL: the kernel closes the pipe then, and the guard
 * reverts the fault by itself. A fault applied this way can't outlive Gale.
 */
final class ProcessGuard implements TaskDisruption {

    /** The line a guard prints once its fault is in place. */
    static final String READY = "ready";

    private static final long READY_TIMEOUT_SECONDS = 10;
    private static final long EXIT_TIMEOUT_SECONDS = 10;

    private final Process process;
    private final String description;

    private ProcessGuard(Process process, String description) {
        this.process = process;
        this.description = description;
    }

    /**
     * Runs {@code script} with {@code sh -c}, its arguments as {@code $1...}, and waits until it prints {@link #READY}.
     *
     * @throws IOException when the guard can't start, exits, or says something else first (its output is the message)
     */
    static ProcessGuard start(String description, String script, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of("sh", "-c", script, "gale-fault"));
        command.addAll(args);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectInput(Redirect.PIPE)
                .start();
        BufferedReader output =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> firstLine = CompletableFuture.supplyAsync(() -> {
            try {
                String line = output.readLine();
                return line == null ? "exited with " + process.waitFor() : line;
            } catch (IOException e) {
                return e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        });
        String line;
        try {
            line = firstLine.get(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            line = "no answer in " + READY_TIMEOUT_SECONDS + " s";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            line = "interrupted";
        }
        if (!READY.equals(line)) {
            process.destroyForcibly();
            throw new IOException(description + ": " + line);
        }
        // The rest of the output is drained so that a chatty guard never blocks on a full pipe.
        Thread.ofVirtual().name("gale-fault-guard-output").start(() -> {
            try {
                while (output.readLine() != null) {
                    // discarded
                }
            } catch (IOException e) {
                // the guard is gone
            }
        });
        return new ProcessGuard(process, description);
    }

    @Override
    public long guardPid() {
        return process.pid();
    }

    @Override
    public boolean active() {
        return process.isAlive();
    }

    /** Ends the guard's input, so it reverts its fault, and waits until it has exited (killing it if it hangs). */
    @Override
    public void revert() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // Already closed: the guard has its end of input.
        }
        try {
            if (!process.waitFor(EXIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return description + " (guard pid " + process.pid() + ")";
    }
}
