package gale.control.experiment;

import gale.control.experiment.file.ExperimentFile;
import gale.control.stack.StackFileException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The experiments that come with Gale, one per seed, as experiment files in the jar ({@code
 * gale/control/experiment/builtin/NAME.yaml}); each runs short by default and as the seed ran it with {@code --full}.
 */
public final class BuiltIns {

    /** In the order {@code gale experiment list} shows them. */
    public static final List<String> NAMES = List.of(
            "seed-000-connection-limit",
            "seed-001-cpu-stress",
            "seed-002-failover",
            "seed-003-autoscale",
            "seed-004-idle-timeout");

    private static final String FOLDER = "/gale/control/experiment/builtin/";

    private BuiltIns() {}

    /** The built-in one named {@code name}, or the experiment file at that path; bad input names file and line. */
    public static Experiment resolve(String nameOrFile, Mode mode) {
        Optional<String> text = text(nameOrFile);
        if (text.isPresent()) {
            return ExperimentFile.parse(nameOrFile, nameOrFile + ".yaml", text.get(), null, mode);
        }
        Path file = Path.of(nameOrFile);
        if (!Files.exists(file)) {
            throw new StackFileException(
                    nameOrFile,
                    0,
                    0,
                    "",
                    "no such file or built-in experiment (built-in: " + String.join(", ", NAMES) + ")");
        }
        return ExperimentFile.load(file, mode);
    }

    /** A built-in experiment's file as shipped, or empty when there is no built-in of that name. */
    public static Optional<String> text(String name) {
        if (!NAMES.contains(name)) {
            return Optional.empty();
        }
        try (InputStream in = BuiltIns.class.getResourceAsStream(FOLDER + name + ".yaml")) {
            if (in == null) {
                throw new IllegalStateException("built-in experiment " + name + " is missing from the jar");
            }
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
