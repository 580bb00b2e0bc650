package gale.control.stack.internal;

import gale.control.stack.StackFileException;
import gale.control.stack.internal.YamlNode.Entry;
import gale.control.stack.internal.YamlNode.ListNode;
import gale.control.stack.internal.YamlNode.MapNode;
import gale.control.stack.internal.YamlNode.Mark;
import gale.control.stack.internal.YamlNode.ScalarNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One mapping of the stack file being read, with its field path. Each getter remembers the key it was asked for, so
 * {@link #finish()} can reject every key nobody asked for, with a "did you mean" when one is close.
 */
public final class Section {

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");
    private static final Pattern SIZE =
            Pattern.compile("(\\d+)\\s*(|b|k|kb|kib|m|mb|mib|g|gb|gib)", Pattern.CASE_INSENSITIVE);

    private final String file;
    private final String path;
    private final MapNode node;
    private final Set<String> known = new LinkedHashSet<>();

    private Section(String file, String path, MapNode node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    public static Section root(String file, YamlNode root) {
        if (!(root instanceof MapNode map)) {
            throw new StackFileException(
                    file,
                    root.mark().line(),
                    root.mark().column(),
                    "",
                    YamlNode.describe(root) + " (expected: a mapping)");
        }
        return new Section(file, "", map);
    }

    /** An empty section standing for a key that was not written, so defaults flow through one code path. */
    private static Section empty(String file, String path, Mark mark) {
        return new Section(file, path, new MapNode(mark, Map.of()));
    }

    public String path() {
        return path;
    }

    /** The mapping as written, for a reader that passes it on whole (an experiment's fault goes to the fault API). */
    public MapNode mapping() {
        return node;
    }

    public boolean has(String key) {
        known.add(key);
        return node.entries().containsKey(key)
                && !(node.entries().get(key).value() instanceof ScalarNode s && s.kind() == ScalarNode.Kind.NULL);
    }

    public Optional<YamlNode> node(String key) {
        return has(key) ? Optional.of(node.entries().get(key).value()) : Optional.empty();
    }

    public String string(String key, String fallback) {
        return node(key).map(n -> scalar(key, n, "a string")).orElse(fallback);
    }

    /** An integer; the module's config record that receives it owns its range. */
    public int integer(String key, int fallback) {
        return node(key)
                .map(n -> {
                    try {
                        return Integer.parseInt(scalar(key, n, "an integer"));
                    } catch (NumberFormatException e) {
                        throw error(key, n, "an integer");
                    }
                })
                .orElse(fallback);
    }

    /** An integer, or null when the key is absent (the receiving record then takes its own default). */
    public Integer integerOrNull(String key) {
        return has(key) ? integer(key, 0) : null;
    }

    /** A finite number; the module's config record that receives it owns its range. */
    public double number(String key, double fallback) {
        return node(key)
                .map(n -> {
                    try {
                        double value = Double.parseDouble(scalar(key, n, "a number"));
                        if (Double.isFinite(value)) {
                            return value;
                        }
                    } catch (NumberFormatException ignored) {
                        // falls through to the message below
                    }
                    throw error(key, n, "a number");
                })
                .orElse(fallback);
    }

    public boolean bool(String key, boolean fallback) {
        return node(key)
                .map(n -> {
                    if (n instanceof ScalarNode s && s.kind() == ScalarNode.Kind.BOOLEAN) {
                        return Boolean.parseBoolean(s.text());
                    }
                    throw error(key, n, "true or false");
                })
                .orElse(fallback);
    }

    public Duration duration(String key, Duration fallback) {
        return node(key)
                .map(n -> {
                    Matcher m = DURATION.matcher(scalar(key, n, "a duration like 2s or 500ms"));
                    if (!m.matches()) {
                        throw error(key, n, "a duration like 2s or 500ms");
                    }
                    // Digits beyond a long, or hours beyond a Duration, are an error on the line, not a crash.
                    try {
                        long amount = Long.parseLong(m.group(1));
                        return switch (m.group(2)) {
                            case "ms" -> Duration.ofMillis(amount);
                            case "s" -> Duration.ofSeconds(amount);
                            case "m" -> Duration.ofMinutes(amount);
                            default -> Duration.ofHours(amount);
                        };
                    } catch (NumberFormatException | ArithmeticException e) {
                        throw error(key, n, "a duration like 2s or 500ms");
                    }
                })
                .orElse(fallback);
    }

    /** A size in bytes: {@code 16KiB}, {@code 10MiB}, {@code 1g}; a bare number counts {@code unitless} bytes each. */
    public long size(String key, long fallback, long unitless) {
        return node(key)
                .map(n -> {
                    Matcher m = SIZE.matcher(scalar(key, n, "a size like 512MiB or 16KiB"));
                    if (!m.matches()) {
                        throw error(key, n, "a size like 512MiB or 16KiB");
                    }
                    String unit = m.group(2).toLowerCase(java.util.Locale.ROOT);
                    long scale = switch (unit) {
                        case "" -> unitless;
                        case "b" -> 1L;
                        case "k", "kb", "kib" -> 1L << 10;
                        case "m", "mb", "mib" -> 1L << 20;
                        default -> 1L << 30;
                    };
                    // A product past a long would wrap to a negative size that looks valid.
                    try {
                        return Math.multiplyExact(Long.parseLong(m.group(1)), scale);
                    } catch (NumberFormatException | ArithmeticException e) {
                        throw error(key, n, "a size like 512MiB or 16KiB");
                    }
                })
                .orElse(fallback);
    }

    /** One of a fixed set of words, mapped to a value; the message lists them. */
    public <T> T choice(String key, T fallback, Map<String, T> choices) {
        return node(key)
                .map(n -> {
                    T value = choices.get(scalar(key, n, "one of " + String.join(", ", choices.keySet())));
                    if (value == null) {
                        throw error(key, n, "one of " + String.join(", ", choices.keySet()));
                    }
                    return value;
                })
                .orElse(fallback);
    }

    public List<String> strings(String key) {
        return node(key)
                .map(n -> {
                    if (n instanceof ListNode list) {
                        List<String> values = new ArrayList<>();
                        for (int i = 0; i < list.items().size(); i++) {
                            values.add(scalar(key + "[" + i + "]", list.items().get(i), "a string"));
                        }
                        return List.copyOf(values);
                    }
                    throw error(key, n, "a list of strings");
                })
                .orElse(List.of());
    }

    public Map<String, String> stringMap(String key) {
        return node(key)
                .map(n -> {
                    if (n instanceof MapNode map) {
                        Map<String, String> values = new LinkedHashMap<>();
                        map.entries().forEach((k, e) -> values.put(k, scalar(key + "." + k, e.value(), "a string")));
                        return values;
                    }
                    throw error(key, n, "a mapping of names to strings");
                })
                .orElse(Map.of());
    }

    /** The mapping under {@code key}; an empty one when the key is absent, so its defaults apply. */
    public Section section(String key) {
        return node(key).map(n -> asSection(join(key), n)).orElseGet(() -> empty(file, join(key), node.mark()));
    }

    /** A list of mappings, such as {@code listeners}. */
    public <T> List<T> list(String key, Function<Section, T> reader) {
        return node(key)
                .map(n -> {
                    if (!(n instanceof ListNode list)) {
                        throw error(key, n, "a list");
                    }
                    List<T> values = new ArrayList<>();
                    for (int i = 0; i < list.items().size(); i++) {
                        values.add(reader.apply(asSection(
                                join(key) + "[" + i + "]", list.items().get(i))));
                    }
                    return List.copyOf(values);
                })
                .orElse(List.of());
    }

    /** A mapping of names to mappings, such as {@code targetGroups}; the reader gets each name and its section. */
    public <T> Map<String, T> named(String key, java.util.function.BiFunction<String, Section, T> reader) {
        return node(key)
                .map(n -> {
                    if (!(n instanceof MapNode map)) {
                        throw error(key, n, "a mapping of names");
                    }
                    Map<String, T> values = new LinkedHashMap<>();
                    for (Entry e : map.entries().values()) {
                        values.put(e.key(), reader.apply(e.key(), asSection(join(key) + "." + e.key(), e.value())));
                    }
                    return java.util.Collections.unmodifiableMap(values);
                })
                .orElse(Map.of());
    }

    /** An error at the value of {@code key} (or at this mapping when the key is absent). */
    public StackFileException error(String key, String problem) {
        YamlNode at = node.entries().containsKey(key) ? node.entries().get(key).value() : node;
        Mark mark = at.mark();
        return new StackFileException(file, mark.line(), mark.column(), join(key), problem);
    }

    /** An error about this whole mapping. */
    public StackFileException error(String problem) {
        return new StackFileException(file, node.mark().line(), node.mark().column(), path, problem);
    }

    /**
     * The error for {@code key} when it is written and a command does not apply it: a key is never accepted and
     * ignored. {@code why} is the sentence that says so.
     */
    public Optional<StackFileException> notApplied(String key, String why) {
        return has(key)
                ? Optional.of(error(key, "not applied yet: " + why + " (expected: remove it)"))
                : Optional.empty();
    }

    /**
     * Builds a config record of a module, placing the check its compact constructor makes (a message shaped
     * {@code name: value (expected: ...)}) at the line of the key it names, so the module owns its limits and the
     * error still names file, line and field.
     */
    public <T> T build(java.util.function.Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (StackFileException e) {
            throw e;
        } catch (IllegalArgumentException | NullPointerException e) {
            throw placed(String.valueOf(e.getMessage()));
        }
    }

    private StackFileException placed(String message) {
        int colon = message.indexOf(": ");
        if (colon > 0 && !message.substring(0, colon).contains(" ")) {
            String name = message.substring(0, colon);
            String key = name.substring(name.lastIndexOf('.') + 1);
            String problem = message.substring(colon + 2);
            if (node.entries().containsKey(key)) {
                return error(key, problem);
            }
            if (path.equals(key) || path.endsWith("." + key)) {
                return error(problem);
            }
        }
        return error(message);
    }

    /** Rejects every key that no getter asked for. Call it after reading all keys. */
    public void finish() {
        for (Entry e : node.entries().values()) {
            if (!known.contains(e.key())) {
                String hint = KeyHint.closest(e.key(), known)
                        .map(k -> "did you mean " + k + "?")
                        .orElse("expected one of: " + String.join(", ", known));
                throw new StackFileException(
                        file, e.keyMark().line(), e.keyMark().column(), join(e.key()), "unknown key (" + hint + ")");
            }
        }
    }

    private Section asSection(String childPath, YamlNode n) {
        if (n instanceof MapNode map) {
            return new Section(file, childPath, map);
        }
        throw new StackFileException(
                file, n.mark().line(), n.mark().column(), childPath, YamlNode.describe(n) + " (expected: a mapping)");
    }

    private String scalar(String key, YamlNode n, String expected) {
        if (n instanceof ScalarNode s && s.text() != null) {
            return s.text();
        }
        throw error(key, n, expected);
    }

    private StackFileException error(String key, YamlNode at, String expected) {
        return new StackFileException(
                file,
                at.mark().line(),
                at.mark().column(),
                join(key),
                YamlNode.describe(at) + " (expected: " + expected + ")");
    }

    private String join(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
