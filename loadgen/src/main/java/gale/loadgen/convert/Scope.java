package gale.loadgen.convert;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration JMeter applies to the samplers under a tree node: HTTP Request Defaults, headers, timers
 * (before each sampler), CSV Data Sets (a record per iteration) and variables; a child scope adds to its parent's.
 */
final class Scope {

    private static final Pattern PROPERTY = Pattern.compile("\\$\\{__P\\(\\s*[^,)]+\\s*,\\s*([^)]*)\\)}");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_.-]*)}");

    final Scope parent;
    final Map<String, String> variables = new LinkedHashMap<>();
    final Map<String, String> defaults = new LinkedHashMap<>();
    final Map<String, String> headers = new LinkedHashMap<>();
    final List<Map<String, Object>> timers = new ArrayList<>();
    final List<String> feeds = new ArrayList<>();

    Scope(Scope parent) {
        this.parent = parent;
    }

    /** Takes {@code e} into this scope if it is configuration; false when it is something else. */
    boolean config(JmxElement e, JmxConverter converter) {
        switch (e.testClass()) {
            case "ConfigTestElement" -> {
                for (String key : List.of("HTTPSampler.protocol", "HTTPSampler.domain", "HTTPSampler.port")) {
                    String v = e.prop(key, "");
                    if (!v.isEmpty()) {
                        defaults.put(key, v);
                    }
                }
            }
            case "HeaderManager" -> {
                for (var h : e.collection("HeaderManager.headers")) {
                    headers.put(JmxElement.propOf(h, "Header.name"), JmxElement.propOf(h, "Header.value"));
                }
            }
            case "CSVDataSet" -> feeds.add(converter.feeder(e));
            case "ConstantTimer", "UniformRandomTimer", "GaussianRandomTimer", "PoissonRandomTimer" ->
                timers.add(Timers.of(e, this, converter));
            case "Arguments" -> variables.putAll(JmxConverter.arguments(e.collection("Arguments.arguments")));
            case "CookieManager" -> {
                // Gale keeps cookies per VU in every journey: nothing to convert.
            }
            case "ResultCollector", "Summariser", "BackendListener" ->
                converter.note(e.path() + ": listener " + e.testClass()
                        + " left out — the summary, --out and --report give the results");
            default -> {
                return false;
            }
        }
        return true;
    }

    /** {@code ${__P(name,default)}} becomes its default; {@code ${var}} of a User Defined Variable its value. */
    String expand(String text) {
        if (text == null) {
            return null;
        }
        String out = PROPERTY.matcher(text)
                .replaceAll(m -> Matcher.quoteReplacement(m.group(1).trim()));
        Matcher m = VARIABLE.matcher(out);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String v = variable(m.group(1));
            m.appendReplacement(b, Matcher.quoteReplacement(v == null ? m.group() : v));
        }
        m.appendTail(b);
        return b.toString();
    }

    String defaultOf(String key) {
        String v = defaults.get(key);
        return v != null ? v : parent == null ? null : parent.defaultOf(key);
    }

    Map<String, String> allHeaders() {
        Map<String, String> out = parent == null ? new LinkedHashMap<>() : parent.allHeaders();
        out.putAll(headers);
        return out;
    }

    List<Map<String, Object>> allTimers() {
        List<Map<String, Object>> out = parent == null ? new ArrayList<>() : parent.allTimers();
        out.addAll(timers);
        return out;
    }

    /** A {@code feed} step per CSV Data Set in scope: JMeter reads a line per iteration. */
    List<Object> feedSteps() {
        List<Object> out = parent == null ? new ArrayList<>() : parent.feedSteps();
        for (String f : feeds) {
            out.add(Map.of("feed", f));
        }
        return out;
    }

    private String variable(String name) {
        String v = variables.get(name);
        return v != null ? v : parent == null ? null : parent.variable(name);
    }
}
