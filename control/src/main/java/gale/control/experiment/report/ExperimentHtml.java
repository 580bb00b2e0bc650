package gale.control.experiment.report;

import gale.control.experiment.ActionRecord;
import gale.control.experiment.ExperimentResult;
import gale.control.experiment.FigureResult;
import gale.control.experiment.ProbeCheck;
import gale.loadgen.LoadResult;
import gale.loadgen.control.ControlEvent;
import gale.loadgen.report.ChartAssets;
import gale.loadgen.report.HtmlReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The experiment's report: the verdict, each probe per phase with its value and tolerance, each action and fault with
 * its offset, the seed's figures beside Gale's, on top of the load report's page (one self-contained file: the load,
 * latency and outcomes per second with the control-plane events and faults on the same timeline).
 */
public final class ExperimentHtml {

    private static final String MAIN = "<main>";

    private ExperimentHtml() {}

    public static void write(ExperimentResult result, Path file) {
        try {
            Files.writeString(file, render(result));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public static String render(ExperimentResult r) {
        String page = r.load()
                .map(load -> HtmlReport.render(withActions(load, r)))
                .orElseGet(() -> "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title></title>"
                        + ChartAssets.element(ChartAssets.GALE_CSS, ChartAssets.text(ChartAssets.GALE_CSS))
                        + "</head><body><main></main></body></html>");
        page = page.replaceFirst(
                "<title>[^<]*</title>",
                "<title>" + esc("gale experiment: " + r.experiment().title()) + "</title>");
        page = page.replace("<h1>gale load</h1>", "<h1>gale experiment</h1>");
        int main = page.indexOf(MAIN);
        return page.substring(0, main + MAIN.length()) + section(r) + page.substring(main + MAIN.length());
    }

    /** The method's actions as events of their own, so they are marked on the load's timeline beside their effects. */
    private static LoadResult withActions(LoadResult load, ExperimentResult r) {
        if (r.methodStart() == null) {
            return load;
        }
        List<ControlEvent> events = new ArrayList<>(load.events());
        for (ActionRecord a : r.actions()) {
            if (!a.part().equals("rollback")) {
                events.add(new ControlEvent(
                        -1 - events.size(),
                        r.methodStart().plusMillis(a.startMillis()),
                        "experiment." + a.part(),
                        a.action(),
                        (a.ok() ? "" : "failed: ") + a.outcome(),
                        ""));
            }
        }
        events.sort(Comparator.comparing(ControlEvent::time));
        return new LoadResult(
                load.results(), load.thresholds(), load.series(), events, load.interrupted(), load.aborted());
    }

    private static String section(ExperimentResult r) {
        StringBuilder h = new StringBuilder(8192);
        h.append("<section id=\"experiment\"><h2>")
                .append(esc(r.experiment().title()))
                .append(" <span class=\"sub\">")
                .append(esc(r.experiment().name() + ", " + r.experiment().mode().key() + " mode"))
                .append("</span></h2>");
        h.append("<p id=\"verdict\" class=\"")
                .append(r.held() ? "ok" : "fail")
                .append("\"><b>")
                .append(esc(r.status().key()))
                .append("</b>: ")
                .append(esc(r.reason()))
                .append("</p>");
        if (!r.experiment().description().isEmpty()) {
            h.append("<p>").append(esc(r.experiment().description())).append("</p>");
        }
        h.append("<h2>Steady-state hypothesis <span class=\"sub\">")
                .append(esc(r.experiment().hypothesis().title()))
                .append("</span></h2>");
        h.append("<div class=\"scroll\"><table id=\"probes\"><thead><tr><th class=\"l\">probe</th><th class=\"l\">")
                .append("measure</th><th class=\"l\">phase</th><th>measured</th><th>tolerance</th>")
                .append("<th class=\"l\">verdict</th><th class=\"l\">how</th></tr></thead><tbody>");
        for (ProbeCheck c : r.checks()) {
            h.append("<tr><td class=\"l\">")
                    .append(esc(c.probe().name()))
                    .append("</td><td class=\"l\">")
                    .append(esc(c.probe().measure().describe()))
                    .append("</td><td class=\"l\">")
                    .append(c.phase().key())
                    .append("</td><td>")
                    .append(esc(c.shown()))
                    .append("</td><td>")
                    .append(esc(
                            c.tolerance().describe(c.probe().measure().kind().unit())))
                    .append("</td><td class=\"l\">")
                    .append(c.held() ? "held" : "<b>not held</b>")
                    .append("</td><td class=\"l\">")
                    .append(esc(c.note()))
                    .append("</td></tr>");
        }
        h.append("</tbody></table></div>");
        if (!r.actions().isEmpty()) {
            h.append("<h2>Method and rollbacks <span class=\"sub\">offsets from the start of the method")
                    .append(" (rollbacks: of the rollbacks)</span></h2><div class=\"scroll\"><table id=\"actions\">")
                    .append("<thead><tr><th class=\"l\">part</th><th>at</th><th>took</th><th class=\"l\">action")
                    .append("</th><th class=\"l\">outcome</th></tr></thead><tbody>");
            for (ActionRecord a : r.actions()) {
                h.append("<tr><td class=\"l\">")
                        .append(a.part())
                        .append("</td><td>")
                        .append(String.format(java.util.Locale.ROOT, "%.1f s", a.startMillis() / 1000.0))
                        .append("</td><td>")
                        .append(a.tookMillis())
                        .append(" ms</td><td class=\"l\">")
                        .append(esc(a.action()))
                        .append("</td><td class=\"l\">")
                        .append(a.ok() ? "" : "<b>failed</b>: ")
                        .append(esc(a.outcome()))
                        .append("</td></tr>");
            }
            h.append("</tbody></table></div>");
        }
        if (!r.figures().isEmpty()) {
            h.append("<h2>The seed's figures beside Gale's <span class=\"sub\">")
                    .append(esc(r.experiment().seed().orElseThrow().source()))
                    .append("</span></h2><div class=\"scroll\"><table id=\"figures\"><thead><tr>")
                    .append("<th class=\"l\">figure</th><th class=\"l\">window</th><th>seed</th><th>Gale</th>")
                    .append("</tr></thead><tbody>");
            for (FigureResult f : r.figures()) {
                h.append("<tr><td class=\"l\">")
                        .append(esc(f.figure().label()))
                        .append("</td><td class=\"l\">")
                        .append(esc(f.figure().window().describe()))
                        .append("</td><td>")
                        .append(esc(f.figure().seed()))
                        .append("</td><td>")
                        .append(esc(f.shown()))
                        .append("</td></tr>");
            }
            h.append("</tbody></table></div>");
        }
        return h.append("</section>").toString();
    }

    static String esc(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
