package gale.loadgen.convert;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * {@code gale load convert plan.jmx}: a JMeter 5 test plan into a Gale plan. Thread groups become scenarios
 * (users, ramp-up and duration a ramping-vus stage; a loop count per-vu-iterations; "run thread groups
 * consecutively" start times), HTTP samplers steps, CSV Data Sets feeders, timers think steps, JSON and regex
 * extractors captures, response assertions checks. Whatever has no Gale equivalent is listed, never dropped silently.
 */
public final class JmxConverter {

    private final List<String> notConverted = new ArrayList<>();
    private final Map<String, Object> feeders = new LinkedHashMap<>();
    private final Scope root = new Scope(null);

    /** The converted plan (a YAML-ready tree) and what could not be converted, one sentence each. */
    public record Conversion(Map<String, Object> plan, List<String> notConverted) {

        /** The plan as YAML, ready for {@code gale load -f}. */
        public String yaml() {
            try {
                return new com.fasterxml.jackson.databind.ObjectMapper(
                                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()
                                        .disable(
                                                com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature
                                                        .WRITE_DOC_START_MARKER)
                                        .enable(
                                                com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature
                                                        .MINIMIZE_QUOTES))
                        .writeValueAsString(plan);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private JmxConverter() {}

    public static Conversion convert(Path jmx) {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            doc = f.newDocumentBuilder().parse(jmx.toFile());
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException(jmx + ": " + e.getMessage() + " (expected: a JMeter .jmx file)", e);
        }
        Element top = doc.getDocumentElement();
        if (!top.getTagName().equals("jmeterTestPlan")) {
            throw new IllegalArgumentException(jmx + ": <" + top.getTagName() + "> (expected: <jmeterTestPlan>)");
        }
        Element tree = firstElement(top, "hashTree");
        List<JmxElement> plans = tree == null ? List.of() : JmxElement.children(tree, "");
        if (plans.isEmpty() || !plans.getFirst().testClass().equals("TestPlan")) {
            throw new IllegalArgumentException(jmx + ": no TestPlan (expected: a JMeter test plan)");
        }
        return new JmxConverter().plan(plans.getFirst());
    }

    private Conversion plan(JmxElement testPlan) {
        root.variables.putAll(arguments(testPlan.collection("Arguments.arguments")));
        boolean serial = Boolean.parseBoolean(testPlan.prop("TestPlan.serialize_threadgroups", "false"));
        List<JmxElement> groups = new ArrayList<>();
        for (JmxElement e : testPlan.children()) {
            if (!e.enabled()) {
                notConverted.add(e.path() + ": disabled in JMeter, left out");
            } else if (e.testClass().equals("ThreadGroup")) {
                groups.add(e);
            } else if (!root.config(e, this)) {
                unsupported(e);
            }
        }
        Map<String, Object> scenarios = new LinkedHashMap<>();
        long start = 0;
        for (JmxElement g : groups) {
            ThreadGroups.Result s = ThreadGroups.scenario(g, root::expand, serial ? start : -1, notConverted);
            Scope scope = new Scope(root);
            List<Object> steps = new ArrayList<>();
            for (JmxElement child : g.children()) {
                if (child.enabled() && !scope.config(child, this)) {
                    steps.addAll(Steps.of(child, scope, this));
                }
            }
            steps.addAll(0, scope.feedSteps());
            s.scenario().put("steps", steps);
            scenarios.put(unique(scenarios, s.name()), s.scenario());
            start += s.lengthSeconds();
        }
        if (scenarios.isEmpty()) {
            throw new IllegalArgumentException("the plan has no enabled thread group (expected: at least one)");
        }
        Map<String, Object> plan = new LinkedHashMap<>();
        if (!feeders.isEmpty()) {
            plan.put("feeders", feeders);
        }
        plan.put("scenarios", scenarios);
        return new Conversion(plan, List.copyOf(notConverted));
    }

    void unsupported(JmxElement e) {
        notConverted.add(e.path() + ": " + e.testClass() + " has no Gale equivalent, left out");
    }

    void note(String sentence) {
        notConverted.add(sentence);
    }

    /** Declares a CSV Data Set as a feeder and returns its name. */
    String feeder(JmxElement csv) {
        String file = csv.prop("filename", "data.csv");
        String name =
                Path.of(file).getFileName().toString().replaceAll("\\..*$", "").replaceAll("[^A-Za-z0-9_]", "_");
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("file", file);
        boolean recycle = Boolean.parseBoolean(csv.prop("recycle", "true"));
        f.put("strategy", recycle ? "circular" : "queue");
        if (!csv.prop("variableNames", "").isEmpty()) {
            note(csv.path() + ": variableNames '" + csv.prop("variableNames")
                    + "' — Gale names a CSV's columns by its header row; make sure the file has one with these names");
        }
        if (!"shareMode.all".equals(csv.prop("shareMode", "shareMode.all"))) {
            note(csv.path() + ": sharing mode " + csv.prop("shareMode") + " — Gale feeders are shared by all VUs");
        }
        if (!recycle && !Boolean.parseBoolean(csv.prop("stopThread", "false"))) {
            note(csv.path() + ": recycle=false without stop thread — Gale's queue feeder stops the scenario at EOF");
        }
        feeders.put(name, f);
        return name;
    }

    static Map<String, String> arguments(List<Element> args) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Element a : args) {
            out.put(JmxElement.propOf(a, "Argument.name"), JmxElement.propOf(a, "Argument.value"));
        }
        return out;
    }

    private static String unique(Map<String, Object> taken, String name) {
        String n = name;
        for (int i = 2; taken.containsKey(n); i++) {
            n = name + "-" + i;
        }
        return n;
    }

    private static Element firstElement(Element parent, String tag) {
        for (var n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                return e;
            }
        }
        return null;
    }
}
