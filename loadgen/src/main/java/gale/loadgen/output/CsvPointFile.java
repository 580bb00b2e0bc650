package gale.loadgen.output;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** k6's {@code --out csv=FILE}: its columns, a row per point, timestamps in Unix seconds, other tags in the last column. */
final class CsvPointFile implements PointFile {

    static final List<String> COLUMNS = List.of(
            "metric_name",
            "timestamp",
            "metric_value",
            "check",
            "error",
            "error_code",
            "expected_response",
            "group",
            "method",
            "name",
            "proto",
            "scenario",
            "service",
            "status",
            "subproto",
            "tls_version",
            "url",
            "extra_tags");
    /** Tags that have a column of their own (the columns from {@code check} to {@code url}). */
    private static final List<String> TAG_COLUMNS = COLUMNS.subList(3, COLUMNS.size() - 1);

    private static final Set<String> OWN = Set.copyOf(TAG_COLUMNS);

    private final BufferedWriter out;

    CsvPointFile(Path file) throws IOException {
        out = Files.newBufferedWriter(file);
        out.write(String.join(",", COLUMNS));
        out.newLine();
    }

    @Override
    public void declare(String metric, String type, String contains) {}

    @Override
    public void write(Point p) throws IOException {
        StringBuilder row = new StringBuilder(160);
        row.append(p.metric()).append(',').append(p.epochMillis() / 1000).append(',');
        row.append(number(p.value()));
        for (String column : TAG_COLUMNS) {
            row.append(',').append(field(p.tags().getOrDefault(column, "")));
        }
        StringBuilder extra = new StringBuilder();
        for (Map.Entry<String, String> t : p.tags().entrySet()) {
            if (!OWN.contains(t.getKey())) {
                extra.append(extra.isEmpty() ? "" : "&")
                        .append(t.getKey())
                        .append('=')
                        .append(t.getValue());
            }
        }
        row.append(',').append(field(extra.toString()));
        out.write(row.toString());
        out.newLine();
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15
                ? Long.toString((long) v)
                : String.format(Locale.ROOT, "%.6f", v);
    }

    private static String field(String v) {
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0) {
            return v;
        }
        return '"' + v.replace("\"", "\"\"") + '"';
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
