package gale.loadgen;

import gale.loadgen.output.OutputTarget;
import gale.loadgen.report.LiveDashboard;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
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
 * @param outs the {@code --out TYPE=TARGET} outputs (k6's points, HdrHistogram log, Prometheus endpoint)
 * @param junit a JUnit XML file with each threshold and check as a test case, or null
 * @param controlToken the control plane's bearer token, for the plan's {@code faults:}; or null
 * @param dashboard the live report page ({@code --dashboard}) that each second and the result go to, or null
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
        Clock clock,
        List<OutputTarget> outs,
        Path junit,
        String controlToken,
        LiveDashboard dashboard) {

    public LoadOutput {
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(progress, "progress");
        clock = Objects.requireNonNullElse(clock, Clock.systemUTC());
        outs = List.copyOf(Objects.requireNonNullElse(outs, List.of()));
    }

    public LoadOutput(
            PrintStream summary,
            PrintStream progress,
            boolean terminal,
            boolean quiet,
            Path summaryExport,
            Path series,
            Path report,
            URI control,
            Clock clock) {
        this(
                summary,
                progress,
                terminal,
                quiet,
                summaryExport,
                series,
                report,
                control,
                clock,
                List.of(),
                null,
                null,
                null);
    }

    /** Adds {@code --out} outputs. */
    public LoadOutput withOuts(List<OutputTarget> more) {
        List<OutputTarget> all = new java.util.ArrayList<>(outs);
        all.addAll(more);
        return new LoadOutput(
                summary,
                progress,
                terminal,
                quiet,
                summaryExport,
                series,
                report,
                control,
                clock,
                all,
                junit,
                controlToken,
                dashboard);
    }

    public LoadOutput withJunit(Path file) {
        return new LoadOutput(
                summary,
                progress,
                terminal,
                quiet,
                summaryExport,
                series,
                report,
                control,
                clock,
                outs,
                file,
                controlToken,
                dashboard);
    }

    /** The file of the first {@code --out} of {@code type}, or null. */
    public Path out(OutputTarget.Type type) {
        return outs.stream()
                .filter(o -> o.type() == type)
                .map(OutputTarget::file)
                .findFirst()
                .orElse(null);
    }

    /** No files, no progress, summary to {@code out}: what tests use. */
    public static LoadOutput quiet(PrintStream out) {
        return new LoadOutput(out, out, false, true, null, null, null, null, Clock.systemUTC());
    }

    public LoadOutput withSummaryExport(Path file) {
        return new LoadOutput(
                summary,
                progress,
                terminal,
                quiet,
                file,
                series,
                report,
                control,
                clock,
                outs,
                junit,
                controlToken,
                dashboard);
    }

    public LoadOutput withSeries(Path file) {
        return new LoadOutput(
                summary,
                progress,
                terminal,
                quiet,
                summaryExport,
                file,
                report,
                control,
                clock,
                outs,
                junit,
                controlToken,
                dashboard);
    }

    public LoadOutput withReport(Path file) {
        return new LoadOutput(
                summary,
                progress,
                terminal,
                quiet,
                summaryExport,
                series,
                file,
                control,
                clock,
                outs,
                junit,
                controlToken,
                dashboard);
    }

    /** The token that lets the plan's faults be injected through the control plane. */
    public LoadOutput withControlToken(String token) {
        return new LoadOutput(
                summary,
                progress,
                terminal,
                quiet,
                summaryExport,
                series,
                report,
                control,
                clock,
                outs,
                junit,
                token,
                dashboard);
    }

    public LoadOutput withDashboard(LiveDashboard page) {
        return new LoadOutput(
                summary,
                progress,
                terminal,
                quiet,
                summaryExport,
                series,
                report,
                control,
                clock,
                outs,
                junit,
                controlToken,
                page);
    }

    public LoadOutput withControl(URI url) {
        return new LoadOutput(
                summary,
                progress,
                terminal,
                quiet,
                summaryExport,
                series,
                report,
                url,
                clock,
                outs,
                junit,
                controlToken,
                dashboard);
    }
}
