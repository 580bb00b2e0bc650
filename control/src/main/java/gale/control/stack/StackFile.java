package gale.control.stack;

import gale.control.stack.internal.StackReader;
import gale.control.stack.internal.YamlTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a stack file into a {@link StackConfig}. Every error is a {@link StackFileException} that names the file, line,
 * column and field path; unknown keys are errors, with a "did you mean" when one is close.
 */
public final class StackFile {

    private StackFile() {}

    public static StackConfig load(Path file) {
        String name = file.toString();
        try {
            return parse(name, Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new StackFileException(name, 0, 0, "", "no such file");
        } catch (IOException e) {
            throw new StackFileException(name, 0, 0, "", "cannot read: " + e.getMessage());
        }
    }

    /** Parses {@code text}; {@code file} names it in errors. An empty document is the default stack. */
    public static StackConfig parse(String file, String text) {
        return YamlTree.parse(file, text)
                .map(root -> StackReader.read(file, root))
                .orElseGet(StackConfig::defaults);
    }
}
