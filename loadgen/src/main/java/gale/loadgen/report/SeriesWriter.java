package gale.loadgen.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import gale.loadgen.control.ControlEvent;
import gale.loadgen.metrics.SecondRow;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the 1-second time series as it is produced: JSON lines (one object per second, control-plane events in
 * {@code events}), or CSV when the file name ends in {@code .csv} (events joined in the last column).
 */
public final class SeriesWriter implements AutoCloseable {

    static final String CSV_HEADER = "time,second,vus,vus_max,reqs,failed,avg_ms,p50_ms,p90_ms,p95_ms,p99_ms,max_ms,"
            + "iterations,dropped_iterations,data_sent,data_received,events";

    private final BufferedWriter out;
    private final boolean csv;
    private final ObjectMapper json = new ObjectMapper();

    public SeriesWriter(Path file) {
        this.csv = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
        try {
            this.out = Files.newBufferedWriter(file);
            if (csv) {
                out.write(CSV_HEADER);
                out.newLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public void write(SecondRow row) {
        try {
            out.write(csv ? csv(row) : json.writeValueAsString(map(row)));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> map(SecondRow r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", Instant.ofEpochMilli(r.epochMillis()).toString());
        m.put("second", r.second());
        m.put("vus", r.vus());
        m.put("vus_max", r.vusMax());
        m.put("reqs", r.requests());
        m.put("failed", r.failed());
        m.put("avg_ms", r.avg());
        m.put("p50_ms", r.p50());
        m.put("p90_ms", r.p90());
        m.put("p95_ms", r.p95());
        m.put("p99_ms", r.p99());
        m.put("max_ms", r.max());
        m.put("iterations", r.iterations());
        m.put("dropped_iterations", r.dropped());
        m.put("data_sent", r.dataSent());
        m.put("data_received", r.dataReceived());
        m.put("events", r.events().stream().map(SeriesWriter::event).toList());
        return m;
    }

    static Map<String, Object> event(ControlEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("time", e.time().toString());
        m.put("type", e.type());
        m.put("subject", e.subject());
        m.put("reason", e.reason());
        m.put("service", e.service());
        return m;
    }

    private static String csv(SecondRow r) {
        List<String> events =
                r.events().stream().map(e -> e.label().replace('"', '\'')).toList();
        return String.format(
                Locale.ROOT,
                "%s,%d,%d,%d,%d,%d,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%d,%d,%d,%d,\"%s\"",
                Instant.ofEpochMilli(r.epochMillis()),
                r.second(),
                r.vus(),
                r.vusMax(),
                r.requests(),
                r.failed(),
                r.avg(),
                r.p50(),
                r.p90(),
                r.p95(),
                r.p99(),
                r.max(),
                r.iterations(),
                r.dropped(),
                r.dataSent(),
                r.dataReceived(),
                String.join("; ", events));
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
