package gale.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = "Shows the services, tasks and targets of a running stack.")
final class StatusCommand implements Callable<Integer> {

    @Mixin
    AdminOptions admin;

    @Option(names = "--json", description = "Print one JSON object with services, tasks and targets arrays.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        JsonNode status = admin.client().status();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(status));
        } else {
            StatusTable.print(status, out);
        }
        out.flush();
        return 0;
    }
}
