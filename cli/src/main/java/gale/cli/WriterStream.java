package gale.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** A byte stream onto the command's writer, for parts that print to a PrintStream (the load summary). */
final class WriterStream extends OutputStream {

    private final PrintWriter writer;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    WriterStream(PrintWriter writer) {
        this.writer = writer;
    }

    @Override
    public synchronized void write(int b) {
        pending.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        pending.write(b, off, len);
    }

    @Override
    public synchronized void flush() {
        writer.write(pending.toString(StandardCharsets.UTF_8));
        writer.flush();
        pending.reset();
    }
}
