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

@Command(name = "list", mixinStandardHelpOptions = true, description = "Lists active faults, then recently ended ones.")
final class FaultListCommand implements Callable<Integer> {

    @Mixin
    AdminOptions admin;

    @Option(names = "--json", description = "Print the API's JSON: {\"faults\": [...]}.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        JsonNode faults = admin.client().faults();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(faults));
        } else {
            StatusTable.faults(faults.path("faults"), out);
        }
        out.flush();
        return 0;
    }
}
