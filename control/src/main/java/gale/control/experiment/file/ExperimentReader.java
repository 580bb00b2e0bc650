package gale.control.experiment.file;

import gale.control.experiment.Action;
import gale.control.experiment.Experiment;
import gale.control.experiment.Hypothesis;
import gale.control.experiment.LoadPlans;
import gale.control.experiment.Method;
import gale.control.experiment.Mode;
import gale.control.experiment.Phase;
import gale.control.experiment.Probe;
import gale.control.experiment.Seed;
import gale.control.experiment.StackSource;
import gale.control.stack.StackConfig;
import gale.control.stack.StackFile;
import gale.control.stack.internal.Section;
import gale.control.stack.internal.StackReader;
import gale.control.stack.internal.YamlNode;
import gale.control.stack.internal.YamlNode.MapNode;
import gale.control.stack.internal.YamlNode.ScalarNode;
import gale.control.stack.internal.YamlTree;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Maps an experiment file's tree (its short/full pairs already resolved) onto an {@link Experiment}. */
final class ExperimentReader {

    /** Where a plan's paths point while the file is checked: the real address is known once the stack runs. */
    private static final URI CHECK_TARGET = URI.create("http://127.0.0.1:1/");

    private final String file;
    private final Path baseDir;

    private ExperimentReader(String file, Path baseDir) {
        this.file = file;
        this.baseDir = baseDir;
    }

    static Experiment read(String name, String file, YamlNode rootNode, Path baseDir, Mode mode) {
        return new ExperimentReader(file, baseDir).experiment(name, Section.root(file, rootNode), mode);
    }

    private Experiment experiment(String name, Section root, Mode mode) {
        if (!root.has("title")) {
            throw root.error("title: missing (expected: a one-line title)");
        }
        String title = root.string("title", "");
        String description = root.string("description", "");
        StackSource stack = stack(root);
        Hypothesis hypothesis = ProbeReader.hypothesis(root.section("steady-state"));
        Method method = method(root.section("method"));
        List<Action> rollbacks = root.list("rollbacks", ActionReader::action);
        Optional<Seed> seed = root.has("seed") ? Optional.of(ProbeReader.seed(root.section("seed"))) : Optional.empty();
        root.finish();
        if (method.load().isEmpty()) {
            for (Probe p : hypothesis.probes()) {
                if (p.measure().kind().traffic() && p.tolerance(Phase.DURING).isPresent()) {
                    throw root.error(
                            "steady-state",
                            "probe '" + p.name() + "' measures traffic during the method"
                                    + " (expected: a method.load, or during: false)");
                }
            }
            if (seed.isPresent() && !seed.get().figures().isEmpty()) {
                throw root.error("seed", "figures of the load (expected: a method.load to measure them)");
            }
        }
        return new Experiment(name, title, description, mode, stack, hypothesis, method, rollbacks, seed);
    }

    private StackSource stack(Section root) {
        Optional<YamlNode> node = root.node("stack");
        if (node.isEmpty()) {
            return new StackSource.Started(StackConfig.defaults(), "the default stack");
        }
        if (node.get() instanceof ScalarNode s && s.kind() == ScalarNode.Kind.STRING) {
            Path stackFile = relative(root, "stack", s.text());
            return new StackSource.Started(StackFile.load(stackFile), stackFile.toString());
        }
        if (node.get() instanceof MapNode map && map.entries().containsKey("running")) {
            Section running = root.section("stack");
            URI admin = url(running, "running");
            Optional<URI> target = running.has("target") ? Optional.of(url(running, "target")) : Optional.empty();
            running.finish();
            return new StackSource.Running(admin, target);
        }
        if (node.get() instanceof MapNode map) {
            return new StackSource.Started(StackReader.read(file, map), file + " (inline stack)");
        }
        throw root.error(
                "stack",
                YamlNode.describe(node.get())
                        + " (expected: a stack file's path, an inline stack, or {running: ADMIN_URL})");
    }

    private Method method(Section s) {
        Optional<Method.Load> load = Optional.empty();
        if (s.has("load")) {
            load = Optional.of(load(s));
        }
        List<Action.Timed> faults = s.list("faults", ActionReader::fault);
        List<Action.Timed> actions = s.list("actions", ActionReader::timed);
        s.finish();
        return new Method(load, faults, actions);
    }

    private Method.Load load(Section s) {
        YamlNode node = s.node("load").orElseThrow();
        Method.Load load;
        String planFile = file;
        String prefix = s.path().isEmpty() ? "load" : s.path() + ".load";
        YamlNode tree = node;
        if (node instanceof ScalarNode scalar && scalar.kind() == ScalarNode.Kind.STRING) {
            Path plan = relative(s, "load", scalar.text());
            String text;
            try {
                text = Files.readString(plan);
            } catch (IOException e) {
                throw s.error("load", plan + ": cannot read (" + e.getMessage() + ")");
            }
            planFile = plan.toString();
            prefix = "";
            tree = YamlTree.parse(planFile, text)
                    .orElseThrow(() -> s.error("load", plan + ": empty (expected: a plan)"));
            load = new Method.Load(
                    YamlJson.of(tree).toString(), plan.toAbsolutePath().getParent());
        } else if (node instanceof MapNode) {
            load = new Method.Load(YamlJson.of(node).toString(), baseDir == null ? Path.of("") : baseDir);
        } else {
            throw s.error("load", YamlNode.describe(node) + " (expected: a plan, inline or a plan file's path)");
        }
        try {
            LoadPlans.against(load, CHECK_TARGET);
        } catch (IllegalArgumentException e) {
            throw PlanErrors.place(planFile, prefix, tree, e.getMessage());
        }
        return load;
    }

    private Path relative(Section s, String key, String path) {
        if (baseDir == null && !Path.of(path).isAbsolute()) {
            throw s.error(key, "\"" + path + "\" (expected: an inline value: a built-in experiment names no file)");
        }
        return baseDir == null ? Path.of(path) : baseDir.resolve(path);
    }

    private static URI url(Section s, String key) {
        String text = s.string(key, "");
        try {
            URI uri = URI.create(text);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException ignored) {
            // the message below says what was expected
        }
        throw s.error(key, "\"" + text + "\" (expected: a URL like http://127.0.0.1:8081)");
    }
}
