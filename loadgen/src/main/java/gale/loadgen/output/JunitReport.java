package gale.loadgen.output;

import gale.loadgen.LoadResult;
import gale.loadgen.threshold.ThresholdResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * {@code --junit FILE}: the test's verdicts as JUnit XML, the format CI servers (Jenkins, GitLab, GitHub Actions'
 * reporters) read: a suite {@code gale.load.thresholds} with one test case per threshold, failed when it failed,
 * and a suite {@code gale.load.checks} with one test case per check, failed when any of its runs failed.
 */
public final class JunitReport {

    /** Suite names are the test cases' class names, so readers that group cases by class keep one suite each. */
    static final String THRESHOLDS = "gale.load.thresholds";

    static final String CHECKS = "gale.load.checks";

    private JunitReport() {}

    public static void write(LoadResult result, Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            write(result, xml);
            xml.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void write(LoadResult result, XMLStreamWriter xml) throws XMLStreamException {
        Map<String, long[]> checks = result.results().checks();
        long thresholdFailures =
                result.thresholds().stream().filter(t -> !t.passed()).count();
        long checkFailures = checks.values().stream().filter(pf -> pf[1] > 0).count();
        String time = seconds(result.results().durationSeconds());
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeCharacters("\n");
        xml.writeStartElement("testsuites");
        xml.writeAttribute("name", "gale load");
        xml.writeAttribute("tests", Integer.toString(result.thresholds().size() + checks.size()));
        xml.writeAttribute("failures", Long.toString(thresholdFailures + checkFailures));
        xml.writeAttribute("errors", "0");
        xml.writeAttribute("time", time);
        suite(xml, THRESHOLDS, result.thresholds().size(), thresholdFailures, time);
        for (ThresholdResult t : result.thresholds()) {
            String name = t.threshold().metricKey() + ": " + t.threshold().expression();
            testCase(
                    xml,
                    THRESHOLDS,
                    name,
                    t.passed()
                            ? null
                            : "observed " + number(t.observed()) + " (expected: "
                                    + t.threshold().expression() + ")",
                    "threshold");
        }
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
        suite(xml, CHECKS, checks.size(), checkFailures, time);
        for (Map.Entry<String, long[]> c : checks.entrySet()) {
            long passed = c.getValue()[0];
            long failed = c.getValue()[1];
            testCase(
                    xml,
                    CHECKS,
                    c.getKey(),
                    failed == 0 ? null : failed + " of " + (passed + failed) + " failed",
                    "check");
        }
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
        xml.writeCharacters("\n");
        xml.writeEndElement();
        xml.writeCharacters("\n");
        xml.writeEndDocument();
    }

    private static void suite(XMLStreamWriter xml, String name, int tests, long failures, String time)
            throws XMLStreamException {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", name);
        xml.writeAttribute("tests", Integer.toString(tests));
        xml.writeAttribute("failures", Long.toString(failures));
        xml.writeAttribute("errors", "0");
        xml.writeAttribute("skipped", "0");
        xml.writeAttribute("time", time);
    }

    private static void testCase(XMLStreamWriter xml, String className, String name, String failure, String type)
            throws XMLStreamException {
        xml.writeCharacters("\n    ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", className);
        xml.writeAttribute("name", name);
        xml.writeAttribute("time", "0");
        if (failure != null) {
            xml.writeStartElement("failure");
            xml.writeAttribute("message", failure);
            xml.writeAttribute("type", type);
            xml.writeCharacters(failure);
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
