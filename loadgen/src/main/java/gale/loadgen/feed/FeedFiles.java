package gale.loadgen.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * Reads a feeder's file once, before the test: CSV (RFC 4180: a header row names the columns; fields may be quoted,
 * with "" for a quote) or JSON (an array of objects, their keys the columns). Errors say what and where.
 */
public final class FeedFiles {

    private FeedFiles() {}

    public static RecordFeeder read(String name, Path file, Strategy strategy, long seed) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("'" + file + "' cannot be read (expected: a CSV or JSON file)", e);
        }
        boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        List<String> columns = new ArrayList<>();
        List<String[]> rows = new ArrayList<>();
        if (json) {
            json(file, text, columns, rows);
        } else {
            List<List<String>> records = csv(file, text);
            if (records.isEmpty()) {
                throw new IllegalArgumentException("'" + file + "' is empty (expected: a header row, then records)");
            }
            columns.addAll(records.getFirst());
            records.subList(1, records.size()).forEach(r -> rows.add(r.toArray(String[]::new)));
        }
        try {
            return new RecordFeeder(name, columns, rows, strategy, seed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + file + "': " + e.getMessage(), e);
        }
    }

    static List<List<String>> csv(Path file, String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    line += c == '\n' ? 1 : 0;
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
                any = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (any || !field.isEmpty()) {
                    record.add(field.toString());
                    records.add(record);
                }
                record = new ArrayList<>();
                field.setLength(0);
                any = false;
                line++;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("'" + file + "' line " + line + ": a quote not closed");
        }
        if (any || !field.isEmpty()) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }

    private static void json(Path file, String text, List<String> columns, List<String[]> rows) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("'" + file + "': " + e.getMessage() + " (expected: JSON)", e);
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("'" + file + "' (expected: a JSON array of objects)");
        }
        LinkedHashSet<String> keys = new LinkedHashSet<>();
        root.forEach(o -> o.fieldNames().forEachRemaining(keys::add));
        columns.addAll(keys);
        for (JsonNode o : root) {
            if (!o.isObject()) {
                throw new IllegalArgumentException(
                        "'" + file + "' holds " + o.getNodeType() + " (expected: a JSON array of objects)");
            }
            String[] row = new String[columns.size()];
            for (int i = 0; i < row.length; i++) {
                JsonNode v = o.get(columns.get(i));
                row[i] = v == null || v.isNull() ? "" : v.isValueNode() ? v.asText() : v.toString();
            }
            rows.add(row);
        }
    }
}
