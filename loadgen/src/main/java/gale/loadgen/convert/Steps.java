package gale.loadgen.convert;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * Samplers and controllers as steps: an HTTP sampler is a request step (preceded by the timers in scope) with its
 * extractors as captures and its response assertions as checks; Simple Controllers are inlined, Transaction
 * Controllers become groups and Loop Controllers groups with {@code repeat}.
 */
final class Steps {

    private static final int CONTAINS = 2;
    private static final int NOT = 4;
    private static final int EQUALS = 8;
    private static final int SUBSTRING = 16;

    private Steps() {}

    static List<Object> of(JmxElement e, Scope scope, JmxConverter converter) {
        switch (e.testClass()) {
            case "HTTPSamplerProxy" -> {
                Scope own = new Scope(scope);
                Map<String, Object> request = request(e, own, converter);
                List<Object> out = new ArrayList<>(own.allTimers());
                out.add(request);
                return out;
            }
            case "GenericController", "TransactionController", "LoopController" -> {
                Scope own = new Scope(scope);
                List<Object> steps = new ArrayList<>();
                for (JmxElement child : e.children()) {
                    if (child.enabled() && !own.config(child, converter)) {
                        steps.addAll(of(child, own, converter));
                    }
                }
                steps.addAll(
                        0,
                        own.feedSteps()
                                .subList(
                                        scope.feedSteps().size(),
                                        own.feedSteps().size()));
                if (e.testClass().equals("GenericController")) {
                    return steps;
                }
                Map<String, Object> group = new LinkedHashMap<>();
                group.put("group", e.name());
                if (e.testClass().equals("LoopController")) {
                    group.put("repeat", Timers.number(scope.expand(e.prop("LoopController.loops", "1")), e, converter));
                }
                group.put("steps", steps);
                return List.of(group);
            }
            default -> {
                if (e.enabled()) {
                    converter.unsupported(e);
                }
                return List.of();
            }
        }
    }

    private static Map<String, Object> request(JmxElement e, Scope scope, JmxConverter converter) {
        String protocol = or(
                scope.expand(e.prop("HTTPSampler.protocol")),
                scope.expand(scope.defaultOf("HTTPSampler.protocol")),
                "http");
        String domain = or(
                scope.expand(e.prop("HTTPSampler.domain")), scope.expand(scope.defaultOf("HTTPSampler.domain")), null);
        String port =
                or(scope.expand(e.prop("HTTPSampler.port")), scope.expand(scope.defaultOf("HTTPSampler.port")), "");
        String method = e.prop("HTTPSampler.method", "GET");
        String path = scope.expand(e.prop("HTTPSampler.path", "/"));
        if (domain == null) {
            converter.note(e.path() + ": no server name (here or in HTTP Request Defaults), 127.0.0.1 used");
            domain = "127.0.0.1";
        }
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("name", e.name());
        step.put("method", method);
        List<Element> args = e.collection("Arguments.arguments");
        String body = null;
        Map<String, String> headers = new LinkedHashMap<>();
        if (Boolean.parseBoolean(e.prop("HTTPSampler.postBodyRaw", "false")) && !args.isEmpty()) {
            body = scope.expand(JmxElement.propOf(args.getFirst(), "Argument.value"));
        } else if (!args.isEmpty()) {
            StringBuilder form = new StringBuilder();
            for (Element a : args) {
                String name = scope.expand(JmxElement.propOf(a, "Argument.name"));
                String value = scope.expand(JmxElement.propOf(a, "Argument.value"));
                boolean encode = Boolean.parseBoolean(JmxElement.propOf(a, "HTTPArgument.always_encode"));
                form.append(form.isEmpty() ? "" : "&")
                        .append(name)
                        .append('=')
                        .append(encode ? URLEncoder.encode(value, StandardCharsets.UTF_8) : value);
            }
            if (method.equals("GET") || method.equals("DELETE") || method.equals("HEAD")) {
                path += (path.contains("?") ? "&" : "?") + form;
            } else {
                body = form.toString();
                headers.put("Content-Type", "application/x-www-form-urlencoded");
            }
        }
        String url = protocol + "://" + domain + (port.isEmpty() ? "" : ":" + port) + (path.startsWith("/") ? "" : "/")
                + path;
        step.put("url", url);
        Map<String, Object> captures = new LinkedHashMap<>();
        Map<String, Object> checks = new LinkedHashMap<>();
        for (JmxElement child : e.children()) {
            if (!child.enabled() || scope.config(child, converter)) {
                continue;
            }
            switch (child.testClass()) {
                case "JSONPostProcessor" -> json(child, captures);
                case "RegexExtractor" -> regex(child, captures, converter);
                case "ResponseAssertion" -> assertion(child, checks, converter);
                default -> converter.unsupported(child);
            }
        }
        Map<String, String> all = scope.allHeaders();
        all.putAll(headers);
        if (!all.isEmpty()) {
            step.put("headers", all);
        }
        if (body != null) {
            step.put("body", body);
        }
        if (!captures.isEmpty()) {
            step.put("capture", captures);
        }
        if (!checks.isEmpty()) {
            step.put("checks", checks);
        }
        if (!e.prop("HTTPSampler.follow_redirects", "false").equals("false")
                || !e.prop("HTTPSampler.auto_redirects", "false").equals("false")) {
            converter.note(e.path() + ": follow redirects — Gale does not follow them; a 3xx is the response");
        }
        return step;
    }

    private static void json(JmxElement e, Map<String, Object> captures) {
        String[] names = e.prop("JSONPostProcessor.referenceNames", "").split(";");
        String[] paths = e.prop("JSONPostProcessor.jsonPathExprs", "").split(";");
        for (int i = 0; i < names.length && i < paths.length; i++) {
            if (!names[i].isBlank()) {
                captures.put(names[i].trim(), Map.of("json", paths[i].trim()));
            }
        }
    }

    private static void regex(JmxElement e, Map<String, Object> captures, JmxConverter converter) {
        String field = e.prop("RegexExtractor.useHeaders", "false");
        String template = e.prop("RegexExtractor.template", "$1$");
        if (!field.equals("false")) {
            converter.note(e.path() + ": a regular expression over '" + field
                    + "' — Gale's regex captures read the body; use capture: {header: NAME}");
            return;
        }
        if (!template.equals("$1$") && !template.equals("$0$")) {
            converter.note(e.path() + ": template '" + template + "' — Gale takes the first group");
        }
        captures.put(e.prop("RegexExtractor.refname", "value"), Map.of("regex", e.prop("RegexExtractor.regex", "")));
    }

    private static void assertion(JmxElement e, Map<String, Object> checks, JmxConverter converter) {
        String field = e.prop("Assertion.test_field", "Assertion.response_data");
        int type = (int) Timers.number(e.prop("Assertion.test_type", "2"), e, converter);
        List<String> strings = new ArrayList<>();
        for (Element s : e.collection("Asserion.test_strings")) {
            strings.add(s.getTextContent().trim());
        }
        if ((type & NOT) != 0 || strings.isEmpty()) {
            converter.note(e.path() + ": a negated or empty assertion has no Gale check, left out");
            return;
        }
        if (field.equals("Assertion.response_code")) {
            List<Integer> codes = new ArrayList<>();
            for (String s : strings) {
                try {
                    codes.add(Integer.parseInt(s));
                } catch (NumberFormatException x) {
                    converter.note(e.path() + ": response code pattern '" + s + "' — only codes convert");
                }
            }
            if (!codes.isEmpty()) {
                checks.put("status", codes.size() == 1 ? codes.getFirst() : codes);
            }
        } else if (field.equals("Assertion.response_data") && (type & (CONTAINS | SUBSTRING | EQUALS)) != 0) {
            checks.put("bodyContains", strings.getFirst());
            if (strings.size() > 1 || (type & EQUALS) != 0) {
                converter.note(e.path() + ": only '" + strings.getFirst() + "' is checked, as bodyContains");
            }
        } else {
            converter.note(e.path() + ": an assertion on " + field + " (type " + type + ") has no Gale check");
        }
    }

    private static String or(String a, String b, String c) {
        return a != null && !a.isEmpty() ? a : b != null && !b.isEmpty() ? b : c;
    }
}
