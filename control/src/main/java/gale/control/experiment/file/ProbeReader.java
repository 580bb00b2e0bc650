package gale.control.experiment.file;

import gale.control.experiment.Hypothesis;
import gale.control.experiment.Measure;
import gale.control.experiment.Phase;
import gale.control.experiment.Probe;
import gale.control.experiment.Seed;
import gale.control.experiment.Tolerance;
import gale.control.experiment.Window;
import gale.control.stack.internal.Section;
import gale.control.stack.internal.YamlNode;
import gale.control.stack.internal.YamlNode.ListNode;
import gale.control.stack.internal.YamlNode.MapNode;
import gale.control.stack.internal.YamlNode.ScalarNode;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The steady-state hypothesis, its probes and tolerances, and the seed's figures. */
final class ProbeReader {

    private static final Map<String, Measure.Kind> KINDS = kinds();

    private ProbeReader() {}

    static Hypothesis hypothesis(Section s) {
        String title = s.string("title", "");
        Section sample = s.section("sample");
        int vus = sample.integer("vus", Hypothesis.DEFAULT_SAMPLE_VUS);
        Duration duration = sample.duration("duration", Hypothesis.DEFAULT_SAMPLE_DURATION);
        String path = sample.string("path", Hypothesis.DEFAULT_SAMPLE_PATH);
        sample.finish();
        Duration interval = s.duration("interval", Hypothesis.DEFAULT_INTERVAL);
        Duration recovery = s.duration("recovery", Hypothesis.DEFAULT_RECOVERY);
        List<Probe> probes = s.list("probes", ProbeReader::probe);
        s.finish();
        return s.build(() -> new Hypothesis(title, probes, vus, duration, path, interval, recovery));
    }

    private static Probe probe(Section s) {
        if (!s.has("name")) {
            throw s.error("name: missing (expected: a name for the probe)");
        }
        String name = s.string("name", "");
        Measure measure = measure(s, "type");
        Tolerance fallback = s.has("tolerance") ? tolerance(s, "tolerance") : null;
        Map<Phase, Tolerance> tolerances = new EnumMap<>(Phase.class);
        for (Phase phase : Phase.values()) {
            Tolerance t = phase(s, phase.key(), fallback);
            if (t != null) {
                tolerances.put(phase, t);
            }
        }
        if (tolerances.isEmpty()) {
            throw s.error("tolerance: none (expected: a tolerance, and a phase to check it in)");
        }
        Window window = window(s);
        s.finish();
        return s.build(() -> new Probe(name, measure, tolerances, window));
    }

    /** A phase is checked with the probe's tolerance ({@code true}, the default), not at all, or with its own. */
    private static Tolerance phase(Section s, String key, Tolerance fallback) {
        if (!s.has(key)) {
            return fallback;
        }
        YamlNode node = s.node(key).orElseThrow();
        if (node instanceof ScalarNode b && b.kind() == ScalarNode.Kind.BOOLEAN) {
            if (Boolean.parseBoolean(b.text()) && fallback == null) {
                throw s.error(key, "true, but the probe has no tolerance (expected: a tolerance here or beside it)");
            }
            return Boolean.parseBoolean(b.text()) ? fallback : null;
        }
        return tolerance(s, key);
    }

    static Seed seed(Section s) {
        String source = s.string("source", "");
        List<Seed.Figure> figures = s.list("figures", ProbeReader::figure);
        s.finish();
        return new Seed(source, figures);
    }

    private static Seed.Figure figure(Section s) {
        String label = s.string("label", "");
        String seed = s.string("seed", "");
        Measure measure = measure(s, "measure");
        Window window = window(s);
        s.finish();
        return s.build(() -> new Seed.Figure(label, seed, measure, window));
    }

    static Measure measure(Section s, String key) {
        if (!s.has(key)) {
            throw s.error(key + ": missing (expected: one of " + String.join(", ", KINDS.keySet()) + ")");
        }
        Measure.Kind kind = s.choice(key, null, KINDS);
        double percentile = kind == Measure.Kind.LATENCY ? s.number("percentile", Measure.DEFAULT_PERCENTILE) : 0;
        String subject = switch (kind) {
            case HEALTHY_TARGETS -> s.string("targetGroup", "");
            case RUNNING_TASKS -> s.string("service", "");
            case METRIC -> s.string("metric", "");
            default -> "";
        };
        Map<String, String> labels = kind == Measure.Kind.METRIC ? s.stringMap("labels") : Map.of();
        return s.build(() -> new Measure(kind, percentile, subject, labels));
    }

    private static Window window(Section s) {
        Section w = s.section("window");
        Duration from = w.duration("from", Duration.ZERO);
        Duration to = w.duration("to", null);
        w.finish();
        return w.build(() -> new Window(from, to));
    }

    /** {@code {min: X, max: Y}}, Chaos Toolkit's {@code [low, high]} or an exact value; {@code 1%} is 0.01. */
    static Tolerance tolerance(Section s, String key) {
        YamlNode node = s.node(key).orElseThrow();
        return s.build(() -> switch (node) {
            case MapNode map -> {
                Section bounds = s.section(key);
                Double min = bounds.has("min")
                        ? value(bounds, "min", bounds.node("min").orElseThrow())
                        : null;
                Double max = bounds.has("max")
                        ? value(bounds, "max", bounds.node("max").orElseThrow())
                        : null;
                bounds.finish();
                yield bounds.build(() -> new Tolerance(min, max));
            }
            case ListNode list
            when list.items().size() == 2 ->
                new Tolerance(
                        value(s, key, list.items().get(0)),
                        value(s, key, list.items().get(1)));
            case ScalarNode scalar -> {
                double v = value(s, key, scalar);
                yield new Tolerance(v, v);
            }
            default ->
                throw s.error(key, YamlNode.describe(node) + " (expected: {min: X, max: Y}, [low, high] or a value)");
        });
    }

    private static double value(Section s, String key, YamlNode node) {
        if (node instanceof ScalarNode scalar && scalar.text() != null && scalar.kind() != ScalarNode.Kind.BOOLEAN) {
            String text = scalar.text().trim();
            boolean percent = text.endsWith("%");
            try {
                double v = Double.parseDouble(percent ? text.substring(0, text.length() - 1) : text);
                if (Double.isFinite(v)) {
                    return percent ? v / 100 : v;
                }
            } catch (NumberFormatException ignored) {
                // the message below says what was expected
            }
        }
        throw s.error(key, YamlNode.describe(node) + " (expected: a number, or a percentage like 1%)");
    }

    private static Map<String, Measure.Kind> kinds() {
        Map<String, Measure.Kind> kinds = new LinkedHashMap<>();
        for (Measure.Kind k : Measure.Kind.values()) {
            kinds.put(k.key(), k);
        }
        return kinds;
    }
}
