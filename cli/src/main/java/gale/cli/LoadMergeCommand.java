package gale.cli;

import gale.loadgen.LoadResult;
import gale.loadgen.merge.SummaryMerge;
import gale.loadgen.plan.PlanException;
import gale.loadgen.report.HtmlReport;
import gale.loadgen.report.SummaryExport;
import gale.loadgen.report.SummaryPrinter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gale load merge}: the workers' summary exports of one split test, as one exact summary. */
@Command(
        name = "merge",
        mixinStandardHelpOptions = true,
        description = "Merges the --summary-export files of workers that ran --execution-segment shares of one plan:"
                + " counts add, percentiles come from the added histograms; prints the summary and evaluates the"
                + " workers' thresholds and --threshold on the merged results.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every threshold passed on the merged results",
            "2:bad input (a file that is not a worker's export, different plans, segments that do not cover 0:1)",
            "99:a threshold failed"
        })
final class LoadMergeCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "The workers' --summary-export files.")
    List<Path> files;

    @Option(names = "--summary-export", paramLabel = "FILE", description = "Write the merged summary JSON.")
    Path summaryExport;

    @Option(names = "--report", paramLabel = "FILE.html", description = "Write the merged HTML report.")
    Path report;

    @Option(
            names = "--threshold",
            paramLabel = "EXPR",
            description = "Another threshold on the merged results, e.g. 'http_req_duration: p(99)<200' (repeatable).")
    List<String> thresholds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        LoadResult merged;
        try {
            merged = SummaryMerge.merge(files, Objects.requireNonNullElse(thresholds, List.of()));
        } catch (PlanException e) {
            spec.commandLine().getErr().println("gale load merge: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return Gale.EXIT_BAD_INPUT;
        }
        if (summaryExport != null) {
            SummaryExport.write(merged, summaryExport);
        }
        if (report != null) {
            HtmlReport.write(merged, report);
        }
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        SummaryPrinter.print(merged, new PrintStream(text, true, StandardCharsets.UTF_8));
        spec.commandLine().getOut().print(text.toString(StandardCharsets.UTF_8));
        spec.commandLine().getOut().flush();
        return merged.exitCode();
    }
}
