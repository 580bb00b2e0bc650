package gale.cli;

import gale.control.experiment.BuiltIns;
import gale.control.experiment.Mode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the built-in experiments.")
final class ExperimentListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (String name : BuiltIns.NAMES) {
            out.printf("%-28s %s%n", name, BuiltIns.resolve(name, Mode.SHORT).title());
        }
        out.println();
        out.println("Run one: ./gale experiment run NAME [--full] [--report FILE.html] [--json FILE]");
        out.flush();
        return 0;
    }
}
