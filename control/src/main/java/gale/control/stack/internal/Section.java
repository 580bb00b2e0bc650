package gale.control.stack.internal;

import gale.control.stack.StackFileException;
import gale.control.stack.internal.YamlNode.Entry;
import gale.control.stack.internal.YamlNode.ListNode;
import gale.control.stack.internal.YamlNode.MapNode;
import gale.control.stack.internal.YamlNode.Mark;
import gale.control.stack.internal.YamlNode.ScalarNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
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

    public int integer(String key, int fallback, int min, int max) {
        return node(key)
                .map(n -> {
                    String text = scalar(key, n, "an integer");
                    try {
                        int value = Integer.parseInt(text);
                        if (value >= min && value <= max) {
                            return value;
                        }
                    } catch (NumberFormatException ignored) {
                        // falls through to the message below
                    }
                    throw error(key, n, "an integer " + range(min, max));
                })
                .orElse(fallback);
    }

    public double number(String key, double fallback, double min, double max) {
        return node(key)
                .map(n -> {
                    String text = scalar(key, n, "a number");
                    try {
                        double value = Double.parseDouble(text);
                        if (value >= min && value <= max) {
                            return value;
                        }
                    } catch (NumberFormatException ignored) {
                        // falls through to the message below
                    }
                    throw error(key, n, "a number " + range(min, max));
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
                    long amount = Long.parseLong(m.group(1));
                    return switch (m.group(2)) {
                        case "ms" -> Duration.ofMillis(amount);
                        case "s" -> Duration.ofSeconds(amount);
                        case "m" -> Duration.ofMinutes(amount);
                        default -> Duration.ofHours(amount);
                    };
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
                    long amount = Long.parseLong(m.group(1));
                    String unit = m.group(2).toLowerCase(java.util.Locale.ROOT);
                    return amount
                            * switch (unit) {
                                case "" -> unitless;
                                case "b" -> 1L;
                                case "k", "kb", "kib" -> 1L << 10;
                                case "m", "mb", "mib" -> 1L << 20;
                                default -> 1L << 30;
                            };
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

    /** Rejects every key that no getter asked for. Call it after reading all keys. */
    public void finish() {
        for (Entry e : node.entries().values()) {
            if (!known.contains(e.key())) {
                String hint = closest(e.key())
                        .map(k -> "did you mean " + k + "?")
                        .orElse("expected one of: " + String.join(", ", known));
                throw new StackFileException(
                        file, e.keyMark().line(), e.keyMark().column(), join(e.key()), "unknown key (" + hint + ")");
            }
        }
    }

    private Optional<String> closest(String key) {
        return known.stream()
                .filter(k -> distance(k.toLowerCase(java.util.Locale.ROOT), key.toLowerCase(java.util.Locale.ROOT))
                        <= Math.max(2, k.length() / 3))
                .min(Comparator.comparingInt(k -> distance(k, key)));
    }

    /** Levenshtein distance: enough to catch {@code helthCheck} or {@code desiredcount}. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
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

    private static String range(int min, int max) {
        return max == Integer.MAX_VALUE ? ">= " + min : min + "-" + max;
    }

    private static String range(double min, double max) {
        return max == Double.MAX_VALUE ? ">= " + min : min + "-" + max;
    }
}
