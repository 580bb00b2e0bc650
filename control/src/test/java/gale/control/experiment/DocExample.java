package gale.control.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The YAML block under {@code <!-- example: NAME -->} in a doc, so tests run what the doc shows, as written. */
public final class DocExample {

    private DocExample() {}

    public static String text(Path doc, String name) {
        String text;
        try {
            text = Files.readString(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int marker = text.indexOf("<!-- example: " + name + " -->");
        if (marker < 0) {
            throw new IllegalStateException(doc + " has no example " + name);
        }
        int start = text.indexOf("```yaml\n", marker) + "```yaml\n".length();
        int end = text.indexOf("```", start);
        return text.substring(start, end);
    }
}
