package gale.cli;

import gale.control.admin.StackDirectory;
import gale.control.experiment.BuiltIns;
import gale.control.experiment.Experiment;
import gale.control.experiment.ExperimentResult;
import gale.control.experiment.ExperimentRun;
import gale.control.experiment.Mode;
import gale.control.experiment.report.ExperimentHtml;
import gale.control.experiment.report.ExperimentJson;
import gale.control.experiment.report.ExperimentSummary;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Runs a built-in experiment (gale experiment list) or an experiment file, and gives its verdict.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the steady-state hypothesis held before, during and after the method",
            "1:it did not hold, an action failed, or the run was interrupted",
            "2:bad input: the experiment file (file:line:field), its stack or its plan"
        })
final class ExperimentRunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME|FILE", description = "A built-in experiment's name, or a file.")
    String experiment;

    @Option(names = "--full", description = "The seed's own durations and counts (default: the short ones).")
    boolean full;

    @Option(names = "--report", paramLabel = "FILE.html", description = "Write the self-contained HTML report.")
    Path report;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the result as JSON.")
    Path json;

    @Option(names = "--state-dir", hidden = true, description = "Where running stacks keep their tokens (tests).")
    Path stateRoot;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Experiment parsed = BuiltIns.resolve(experiment, full ? Mode.FULL : Mode.SHORT);
        PrintStream out = new PrintStream(new WriterStream(spec.commandLine().getOut()), true);
        PrintStream err = new PrintStream(new WriterStream(spec.commandLine().getErr()), true);
        ExperimentRun run =
                new ExperimentRun(parsed, out, err, stateRoot != null ? stateRoot : StackDirectory.defaultRoot());
        Thread onInterrupt = new Thread(run::interrupt, "gale-experiment-stop");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        ExperimentResult result;
        try {
            result = run.run();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is what ended the run; it returns once the rollbacks ran and the stack stopped.
            }
        }
        ExperimentSummary.print(result, out);
        if (json != null) {
            ExperimentJson.write(result, json);
            out.println("json: " + json);
        }
        if (report != null) {
            ExperimentHtml.write(result, report);
            out.println("report: " + report);
        }
        out.flush();
        return result.held() ? 0 : 1;
    }
}
