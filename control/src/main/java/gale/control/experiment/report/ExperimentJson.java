package gale.control.experiment.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gale.control.experiment.ActionRecord;
import gale.control.experiment.ExperimentResult;
import gale.control.experiment.FigureResult;
import gale.control.experiment.ProbeCheck;
import gale.control.experiment.Tolerance;
import gale.loadgen.metrics.SecondRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The run as data ({@code --json}): what the HTML report shows, with numbers as numbers (shares as fractions,
 * latencies in ms), each probe per phase, each action with its offset, the seed's figures beside Gale's, and the
 * load's 1-second series with the control-plane events.
 */
public final class ExperimentJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ExperimentJson() {}

    public static void write(ExperimentResult result, Path file) {
        try {
            Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(of(result)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public static ObjectNode of(ExperimentResult r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("name", r.experiment().name());
        root.put("title", r.experiment().title());
        root.put("mode", r.experiment().mode().key());
        root.put("status", r.status().key());
        root.put("held", r.held());
        root.put("reason", r.reason());
        root.put("started", r.started().toString());
        root.put("ended", r.ended().toString());
        root.put(
                "methodStarted",
                r.methodStart() == null ? null : r.methodStart().toString());
        ArrayNode checks = root.putArray("probes");
        for (ProbeCheck c : r.checks()) {
            ObjectNode n = checks.addObject();
            n.put("name", c.probe().name());
            n.put("measure", c.probe().measure().describe());
            n.put("phase", c.phase().key());
            if (Double.isNaN(c.value())) {
                n.putNull("value");
            } else {
                n.put("value", c.value());
            }
            n.put("shown", c.shown());
            tolerance(n.putObject("tolerance"), c.tolerance());
            n.put("held", c.held());
            n.put("note", c.note());
            ArrayNode samples = n.putArray("samples");
            c.samples()
                    .forEach(s ->
                            samples.addObject().put("atMs", s.offsetMillis()).put("value", s.value()));
        }
        ArrayNode actions = root.putArray("actions");
        for (ActionRecord a : r.actions()) {
            actions.addObject()
                    .put("part", a.part())
                    .put("action", a.action())
                    .put("atMs", a.startMillis())
                    .put("tookMs", a.tookMillis())
                    .put("ok", a.ok())
                    .put("outcome", a.outcome());
        }
        r.experiment().seed().ifPresent(seed -> {
            ObjectNode s = root.putObject("seed");
            s.put("source", seed.source());
            ArrayNode figures = s.putArray("figures");
            for (FigureResult f : r.figures()) {
                ObjectNode n = figures.addObject();
                n.put("label", f.figure().label());
                n.put("seed", f.figure().seed());
                n.put("measure", f.figure().measure().describe());
                n.put("window", f.figure().window().describe());
                if (Double.isNaN(f.gale())) {
                    n.putNull("gale");
                } else {
                    n.put("gale", f.gale());
                }
                n.put("galeShown", f.shown());
            }
        });
        r.load().ifPresent(load -> {
            ArrayNode series = root.putObject("load").putArray("series");
            for (SecondRow row : load.series()) {
                series.addObject()
                        .put("epochMs", row.epochMillis())
                        .put("vus", row.vus())
                        .put("requests", row.requests())
                        .put("failed", row.failed())
                        .put("p95", row.p95());
            }
        });
        ArrayNode events = root.putArray("events");
        r.events()
                .forEach(e -> events.addObject()
                        .put("time", e.time().toString())
                        .put("type", e.type())
                        .put("subject", e.subject())
                        .put("reason", e.reason()));
        return root;
    }

    private static void tolerance(ObjectNode n, Tolerance t) {
        if (t.min() != null) {
            n.put("min", t.min());
        }
        if (t.max() != null) {
            n.put("max", t.max());
        }
    }
}
