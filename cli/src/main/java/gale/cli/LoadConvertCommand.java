package gale.cli;

import gale.loadgen.convert.JmxConverter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gale load convert plan.jmx}: a JMeter test plan into a Gale plan, saying what it could not convert. */
@Command(
        name = "convert",
        mixinStandardHelpOptions = true,
        description = "Converts a JMeter 5 test plan (.jmx) into a Gale plan (YAML); lists what it could not convert.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:converted (see stderr for what was left out)", "2:not a JMeter plan, or unreadable"})
final class LoadConvertCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PLAN.jmx", description = "The JMeter test plan.")
    Path jmx;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Write the plan here (default: stdout).")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        JmxConverter.Conversion c;
        try {
            c = JmxConverter.convert(jmx);
        } catch (IllegalArgumentException e) {
            err.println("gale load convert: " + e.getMessage());
            err.flush();
            return Gale.EXIT_BAD_INPUT;
        }
        String yaml =
                "# Converted from " + jmx.getFileName() + " by gale load convert; see docs/plan-file.md.\n" + c.yaml();
        if (output == null) {
            spec.commandLine().getOut().print(yaml);
            spec.commandLine().getOut().flush();
        } else {
            try {
                Files.writeString(output, yaml);
            } catch (IOException e) {
                err.println("gale load convert: cannot write " + output + ": " + e.getMessage());
                err.flush();
                return Gale.EXIT_BAD_INPUT;
            }
        }
        for (String n : c.notConverted()) {
            err.println("not converted: " + n);
        }
        err.flush();
        return 0;
    }
}
