package gale.control.kubernetes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes manifests as multi-document YAML files, each object's notes as {@code # note:} comments above it. */
public final class ManifestWriter {

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            // "8080" in a command must stay a string, and "true" too: minimized quotes would make them typed.
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .build());

    private ManifestWriter() {}

    /** Every file's text, by file name, in the order the manifests came. */
    public static Map<String, String> render(List<Manifest> manifests) {
        Map<String, StringBuilder> files = new LinkedHashMap<>();
        for (Manifest m : manifests) {
            StringBuilder text = files.computeIfAbsent(
                    m.file(), f -> new StringBuilder("# Written by gale export kubernetes (docs/kubernetes.md).\n"));
            text.append("---\n");
            for (String note : m.notes()) {
                text.append("# note: ").append(note.replace("\n", " ")).append('\n');
            }
            text.append(yaml(m.body()));
        }
        Map<String, String> out = new LinkedHashMap<>();
        files.forEach((f, t) -> out.put(f, t.toString()));
        return out;
    }

    public static String yaml(Map<String, Object> body) {
        try {
            return YAML.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a manifest: " + e.getMessage(), e);
        }
    }

    /** Writes every file into {@code dir} (created if missing) and returns their paths. */
    public static List<Path> write(List<Manifest> manifests, Path dir) {
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, String> e : render(manifests).entrySet()) {
                Path file = dir.resolve(e.getKey());
                Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
                written.add(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write into " + dir + ": " + e.getMessage(), e);
        }
        return written;
    }
}
