package gale.control.experiment.file;

import gale.control.experiment.Experiment;
import gale.control.experiment.Mode;
import gale.control.stack.StackFileException;
import gale.control.stack.internal.YamlTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads an experiment file (docs/experiments.md) into an {@link Experiment} of one {@link Mode}. Every error is a
 * {@link StackFileException} naming file, line, column and field, as the stack file's are; nothing is started before
 * the whole file (its stack, plan and faults included) is accepted.
 */
public final class ExperimentFile {

    private ExperimentFile() {}

    public static Experiment load(Path file, Mode mode) {
        String name = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new StackFileException(name, 0, 0, "", "no such file");
        } catch (IOException e) {
            throw new StackFileException(name, 0, 0, "", "cannot read: " + e.getMessage());
        }
        Path dir = file.toAbsolutePath().getParent();
        String base = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        return parse(base, name, text, dir, mode);
    }

    /**
     * Parses {@code text}; {@code file} names it in errors, {@code baseDir} is where the stack and plan files it names
     * are found (null: it may name none, as the built-in ones).
     */
    public static Experiment parse(String name, String file, String text, Path baseDir, Mode mode) {
        return YamlTree.parse(file, text)
                .map(root -> ExperimentReader.read(name, file, ShortOrFull.resolve(root, mode), baseDir, mode))
                .orElseThrow(() -> new StackFileException(file, 0, 0, "", "empty (expected: an experiment)"));
    }
}
