package gale.loadgen.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * k6's checks, declared instead of scripted: the response status is one of {@code status}, the body contains
 * {@code bodyContains}, and each header in {@code headers} has the value given (journeys only; values may hold
 * {@code ${var}}). Each present check counts in the {@code checks} metric under its {@link #names()}.
 */
public record Checks(Set<Integer> status, String bodyContains, Map<String, String> headers) {

    public static final Checks NONE = new Checks(Set.of(), null);

    public Checks {
        status = Set.copyOf(Objects.requireNonNullElse(status, Set.of()));
        for (int s : status) {
            if (s < 100 || s > 599) {
                throw PlanException.field("status", s, "100-599");
            }
        }
        headers = java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(Objects.requireNonNullElse(headers, Map.of())));
    }

    public Checks(Set<Integer> status, String bodyContains) {
        this(status, bodyContains, Map.of());
    }

    public boolean needsBody() {
        return bodyContains != null;
    }

    /** Names as the summary prints them, in the order {@link #results} returns. */
    public List<String> names() {
        List<String> names = new ArrayList<>(2);
        if (!status.isEmpty()) {
            names.add("status is "
                    + (status.size() == 1
                            ? status.iterator().next()
                            : status.stream().sorted().toList()));
        }
        if (bodyContains != null) {
            names.add("body contains '" + bodyContains + "'");
        }
        headers.forEach((name, value) -> names.add("header " + name + " is '" + value + "'"));
        return names;
    }

    /**
     * Fills {@code out} with pass/fail of the status and body checks; a missing response (status 0) fails every
     * check. Header checks (after those) are a journey's to fill.
     */
    public void results(int statusCode, CharSequence body, boolean[] out) {
        int i = 0;
        if (!status.isEmpty()) {
            out[i++] = status.contains(statusCode);
        }
        if (bodyContains != null) {
            out[i] = statusCode != 0 && body != null && body.toString().contains(bodyContains);
        }
    }

    public int count() {
        return (status.isEmpty() ? 0 : 1) + (bodyContains == null ? 0 : 1) + headers.size();
    }
}
