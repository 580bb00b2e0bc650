package gale.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** The one place where failures become exit codes. */
final class ExitCodes {

    private ExitCodes() {}

    static int forException(Throwable failure) {
        return failure instanceof IllegalArgumentException ? Gale.EXIT_BAD_INPUT : 1;
    }

    static int onBadParameters(ParameterException failure, String[] args) {
        CommandLine command = failure.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("gale: " + failure.getMessage());
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
        return Gale.EXIT_BAD_INPUT;
    }
}
