package gale.loadgen.output;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * {@code --out hdr=FILE}: http_req_duration as an HdrHistogram interval log (format 1.3, HdrHistogram's own
 * writer), one interval per second, values in microseconds. Merge logs by decoding and adding, never by averaging
 * percentiles; HdrHistogram's HistogramLogProcessor reads it.
 */
final class HdrLog implements AutoCloseable {

    private final HistogramLogWriter writer;
    private long last;

    HdrLog(Path file, long startMillis) {
        try {
            writer = new HistogramLogWriter(file.toFile());
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        this.last = startMillis;
        writer.outputComment("gale load: http_req_duration in microseconds, one interval per second");
        writer.outputLogFormatVersion();
        writer.outputStartTime(startMillis);
        writer.setBaseTime(startMillis);
        writer.outputBaseTime(startMillis);
        writer.outputLegend();
    }

    /** The interval ending at {@code endMillis}. */
    void interval(long endMillis, Histogram durations) {
        Histogram h = durations.copy();
        h.setStartTimeStamp(last);
        h.setEndTimeStamp(Math.max(last, endMillis));
        last = Math.max(last, endMillis);
        writer.outputIntervalHistogram(h);
    }

    @Override
    public void close() {
        writer.close();
    }
}
