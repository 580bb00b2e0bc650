package gale.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One run of the gale command in this JVM, with what it printed. */
record CliRun(int exitCode, String out, String err) {

    /** A command against the stack whose admin API is on {@code adminPort}, its token under {@code stateRoot}. */
    static CliRun against(int adminPort, java.nio.file.Path stateRoot, String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--admin-port";
        all[args.length + 1] = Integer.toString(adminPort);
        all[args.length + 2] = "--state-dir";
        all[args.length + 3] = stateRoot.toString();
        return of(all);
    }

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
