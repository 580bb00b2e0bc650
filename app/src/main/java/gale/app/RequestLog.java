package gale.app;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;

/**
 * One line per request, as seed 001's app.log had: {@code 2026-01-01T12:00:00.123Z GET /seed 200 3ms}. To the
 * task's own file, or to stdout (which a fleet sends to the task's log file anyway).
 */
final class RequestLog implements AutoCloseable {

    private final PrintStream out;
    private final boolean ownsStream;
    private final Clock clock;

    private RequestLog(PrintStream out, boolean ownsStream, Clock clock) {
        this.out = out;
        this.ownsStream = ownsStream;
        this.clock = clock;
    }

    static RequestLog open(Path file, Clock clock) {
        if (file == null) {
            return new RequestLog(System.out, false, clock);
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            OutputStream stream = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return new RequestLog(new PrintStream(stream, true, StandardCharsets.UTF_8), true, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open log file " + file, e);
        }
    }

    void request(String method, String path, int status, long millis) {
        line(method + " " + path + " " + status + " " + millis + "ms");
    }

    /** A line of its own, time-stamped: start and stop messages. */
    synchronized void line(String text) {
        out.println(clock.instant() + " " + text);
    }

    @Override
    public void close() {
        if (ownsStream) {
            out.close();
        } else {
            out.flush();
        }
    }
}
