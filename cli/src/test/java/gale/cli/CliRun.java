package gale.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One run of the gale command in this JVM, with what it printed. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine gale = Gale.commandLine();
        gale.setOut(new PrintWriter(out, true));
        gale.setErr(new PrintWriter(err, true));
        int code = gale.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
