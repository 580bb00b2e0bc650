package gale.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code gale status} for people: three aligned tables. */
final class StatusTable {

    private StatusTable() {}

    static void print(JsonNode status, PrintWriter out) {
        table(
                out,
                "SERVICES",
                List.of("NAME", "REVISION", "DESIRED", "RUNNING", "PENDING", "DRAINING", "RESTARTS", "TARGET GROUP"),
                status.path("services"),
                s -> List.of(
                        s.path("name").asText(),
                        s.path("revision").asText(),
                        s.path("desiredCount").asText(),
                        s.path("runningCount").asText(),
                        s.path("pendingCount").asText(),
                        s.path("drainingCount").asText(),
                        s.path("restarts").asText(),
                        s.path("targetGroup").asText("-")));
        table(
                out,
                "TASKS",
                List.of("ID", "SERVICE", "REV", "PID", "PORT", "STATE", "HEALTH", "CPU%", "MEM MiB", "REASON"),
                status.path("tasks"),
                t -> List.of(
                        t.path("id").asText(),
                        t.path("service").asText(),
                        t.path("revision").asText(),
                        t.path("pid").asText(),
                        t.path("port").asText(),
                        t.path("state").asText(),
                        t.path("health").asText(),
                        String.format(Locale.ROOT, "%.1f", t.path("cpuPercent").asDouble()),
                        Long.toString(t.path("memoryBytes").asLong() / (1024 * 1024)),
                        t.path("reason").asText()));
        table(
                out,
                "TARGETS",
                List.of("TARGET GROUP", "ID", "ADDRESS", "STATE", "REASON"),
                status.path("targets"),
                t -> List.of(
                        t.path("targetGroup").asText(),
                        t.path("id").asText(),
                        t.path("address").asText(),
                        t.path("state").asText(),
                        t.path("reason").asText()
                                + (t.path("detail").asText().isEmpty()
                                        ? ""
                                        : " (" + t.path("detail").asText() + ")")
                                + slowStart(t.path("slowStartLeftMs").asLong())));
        data(status, out);
        if (!status.path("faults").isEmpty()) {
            faults(status.path("faults"), out);
        }
        if (!status.path("deployments").isEmpty()) {
            table(
                    out,
                    "DEPLOYMENTS IN PROGRESS",
                    List.of("ID", "SERVICE", "REVISION", "STRATEGY", "STEP", "TOOK"),
                    status.path("deployments"),
                    d -> List.of(
                            d.path("id").asText(),
                            d.path("service").asText(),
                            d.path("fromRevisions") + " -> "
                                    + d.path("revision").asText(),
                            d.path("strategy").asText(),
                            d.path("step").asText(),
                            String.format(Locale.ROOT, "%.1fs", d.path("tookMs").asLong() / 1e3)));
        }
    }

    /** Faults as {@code gale status} and {@code gale fault list} show them. */
    static void faults(JsonNode faults, PrintWriter out) {
        table(
                out,
                "FAULTS",
                List.of("ID", "KIND", "STATE", "ON", "STARTED", "ENDS", "END REASON"),
                faults,
                f -> List.of(
                        f.path("id").asText(),
                        f.path("kind").asText(),
                        f.path("state").asText(),
                        joined(f.path("affected")),
                        f.path("startedAt").asText(),
                        f.path("endsAt").asText(),
                        f.path("endReason").asText("-")));
    }

    private static String joined(JsonNode items) {
        List<String> parts = new ArrayList<>();
        items.forEach(item -> parts.add(item.asText()));
        return parts.isEmpty() ? "-" : String.join(",", parts);
    }

    private static void data(JsonNode status, PrintWriter out) {
        table(
                out,
                "DATA",
                List.of("NAME", "ENGINE", "MANAGED", "ADDRESS", "PID", "STATE", "HEALTH", "RESTARTS"),
                status.path("data"),
                d -> List.of(
                        d.path("name").asText(),
                        d.path("engine").asText(),
                        d.path("managed").asBoolean() ? "yes" : "no",
                        d.path("address").asText(),
                        d.path("pid").asText("-"),
                        d.path("state").asText(),
                        d.path("health").asText("-"),
                        d.path("restarts").asText("-")));
    }

    private static String slowStart(long leftMillis) {
        return leftMillis == 0
                ? ""
                : String.format(Locale.ROOT, ", slow start %.0fs left", Math.ceil(leftMillis / 1000.0));
    }

    private static void table(
            PrintWriter out,
            String title,
            List<String> header,
            JsonNode items,
            java.util.function.Function<JsonNode, List<String>> row) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(header);
        items.forEach(item -> rows.add(row.apply(item)));
        int[] widths = new int[header.size()];
        for (List<String> r : rows) {
            for (int i = 0; i < r.size(); i++) {
                widths[i] = Math.max(widths[i], r.get(i).length());
            }
        }
        out.println(title);
        if (rows.size() == 1) {
            out.println("  (none)");
        } else {
            for (List<String> r : rows) {
                StringBuilder line = new StringBuilder("  ");
                for (int i = 0; i < r.size(); i++) {
                    line.append(i == r.size() - 1 ? r.get(i) : String.format("%-" + (widths[i] + 2) + "s", r.get(i)));
                }
                out.println(line.toString().stripTrailing());
            }
        }
        out.println();
    }
}
