package gale.control.stack.internal;

import java.util.Set;

/** The target groups the file defines, so that a listener, a rule, a service or an alarm naming one is checked. */
record TargetGroupNames(Set<String> names) {

    TargetGroupNames {
        names = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(names));
    }

    /** The group named under {@code key}, which must be defined. */
    String read(Section s, String key) {
        String name = s.string(key, "");
        if (!names.contains(name)) {
            String expected = names.isEmpty()
                    ? "a name under targetGroups; none is defined"
                    : "one of the target groups " + names;
            throw s.error(key, '"' + name + "\" (expected: " + expected + ")");
        }
        return name;
    }

    /** The group under {@code key} when it is written. */
    java.util.Optional<String> readOptional(Section s, String key) {
        return s.has(key) ? java.util.Optional.of(read(s, key)) : java.util.Optional.empty();
    }
}
