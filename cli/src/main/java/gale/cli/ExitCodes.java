package gale.cli;

import gale.control.admin.AdminClient.StackUnreachableException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** The one place where failures become exit codes (docs/cli.md). */
final class ExitCodes {

    private ExitCodes() {}

    /** Bad input (a flag, a stack file, a request the stack refuses) is 2; anything else that failed is 1. */
    static int forException(Throwable failure) {
        if (failure instanceof StackUnreachableException) {
            return 1;
        }
        return failure instanceof IllegalArgumentException ? Gale.EXIT_BAD_INPUT : 1;
    }

    static int onBadParameters(ParameterException failure, String[] args) {
        CommandLine command = failure.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("gale: " + failure.getMessage());
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
        return Gale.EXIT_BAD_INPUT;
    }

    /** A command failed: say why in one line (no stack trace: the message names what to fix). */
    static int onFailure(Exception failure, CommandLine command, ParseResult parseResult) {
        PrintWriter err = command.getErr();
        String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
        err.println(command.getCommandSpec().qualifiedName() + ": " + message);
        err.flush();
        return forException(failure);
    }
}
