package gale.loadgen.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gale.loadgen.LoadResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The HTML report: one self-contained file (uPlot, Gale's chart code and the data inlined; no request leaves it, so
 * it opens offline) that draws requests, latency on a log axis, outcomes over time, latency by percentile per stage,
 * stages as bands, control-plane events as markers and thresholds as lines. {@code gale load --dashboard} serves the
 * same page, live.
 */
public final class HtmlReport {

    static final String TEMPLATE = "report.html";
    static final String SCRIPT = "report.js";

    private HtmlReport() {}

    public static void write(LoadResult result, Path file) {
        try {
            Files.writeString(file, render(result));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public static String render(LoadResult result) {
        return page(ReportJson.of(result), false);
    }

    /** The page around {@code data}; a live one also opens {@code events} (server-sent) for the seconds to come. */
    static String page(ObjectNode data, boolean live) {
        data.put("live", live);
        String json = data.toString().replace("</", "<\\/");
        return ChartAssets.text(TEMPLATE)
                .replace(
                        "<!--gale:assets-->",
                        ChartAssets.inline() + ChartAssets.element(SCRIPT, ChartAssets.text(SCRIPT)))
                .replace(
                        "<!--gale:data-->", "<script type=\"application/json\" id=\"gale-data\">" + json + "</script>");
    }
}
