package gale.control.kubernetes;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * One Kubernetes object to write: the file it goes in, its tree, and the notes written as YAML comments above it
 * (what the stack file said that this object cannot carry, so nothing is dropped in silence).
 */
public record Manifest(String file, Map<String, Object> body, List<String> notes) {

    public Manifest {
        requireNonNull(file, "file");
        requireNonNull(body, "body");
        notes = List.copyOf(notes);
    }

    public String apiVersion() {
        return (String) body.get("apiVersion");
    }

    public String kind() {
        return (String) body.get("kind");
    }

    @SuppressWarnings("unchecked")
    public String name() {
        return (String) ((Map<String, Object>) body.get("metadata")).get("name");
    }
}
