package gale.loadgen;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * Where a test reports: the summary and live progress streams, and the optional files and control plane.
 *
 * @param summary the end-of-test summary (stdout for the CLI)
 * @param progress live progress (stderr for the CLI)
 * @param terminal redraw one progress line (a console) instead of printing a plain line every few seconds
 * @param quiet no progress at all (the summary is still printed)
 * @param summaryExport k6's --summary-export JSON, or null
 * @param series the 1-second time series, JSON lines or CSV by extension, or null
 * @param report the self-contained HTML report, or null
 * @param control a Gale control plane whose events go on the timeline, or null
 * @param clock wall time for timestamps (durations use System.nanoTime)
 */
public record LoadOutput(
        PrintStream summary,
        PrintStream progress,
        boolean terminal,
        boolean quiet,
        Path summaryExport,
        Path series,
        Path report,
        URI control,
        Clock clock) {

    public LoadOutput {
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(progress, "progress");
        clock = Objects.requireNonNullElse(clock, Clock.systemUTC());
    }

    /** No files, no progress, summary to {@code out}: what tests use. */
    public static LoadOutput quiet(PrintStream out) {
        return new LoadOutput(out, out, false, true, null, null, null, null, Clock.systemUTC());
    }

    public LoadOutput withSummaryExport(Path file) {
        return new LoadOutput(summary, progress, terminal, quiet, file, series, report, control, clock);
    }

    public LoadOutput withSeries(Path file) {
        return new LoadOutput(summary, progress, terminal, quiet, summaryExport, file, report, control, clock);
    }

    public LoadOutput withReport(Path file) {
        return new LoadOutput(summary, progress, terminal, quiet, summaryExport, series, file, control, clock);
    }

    public LoadOutput withControl(URI url) {
        return new LoadOutput(summary, progress, terminal, quiet, summaryExport, series, report, url, clock);
    }
}
