package gale.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code gale} command. Each subcommand is a class of its own that parses its arguments and calls into a
 * module; exit codes are mapped here, in one place (see docs/cli.md).
 */
@Command(
        name = "gale",
        mixinStandardHelpOptions = true,
        versionProvider = GaleVersion.class,
        description = "A resilient web stack on one machine, and the load engine to prove it.",
        subcommands = {
            CommandLine.HelpCommand.class,
            UpCommand.class,
            StatusCommand.class,
            ScaleCommand.class,
            StopTaskCommand.class,
            FaultCommand.class,
            ExperimentCommand.class,
            DownCommand.class,
            DeployCommand.class,
            DeploymentsCommand.class,
            RollbackCommand.class,
            LoadCommand.class,
            AppCommand.class,
            ExportCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:the command failed (the message says why)",
            "2:bad input: arguments, stack file or plan file",
            "3:no JDK 21+ or the build failed (from the ./gale launcher)",
            "99:a load test threshold failed"
        })
public final class Gale {

    /** Exit code for bad input: a flag, a stack file or a plan file that cannot be accepted. */
    public static final int EXIT_BAD_INPUT = 2;

    private Gale() {}

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new Gale())
                .setExitCodeExceptionMapper(ExitCodes::forException)
                .setExecutionExceptionHandler(ExitCodes::onFailure)
                .setParameterExceptionHandler(ExitCodes::onBadParameters);
    }
}
