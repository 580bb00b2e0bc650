package gale.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "clear",
        mixinStandardHelpOptions = true,
        description = "Ends a fault now and reverts it; without an id, every active fault.")
final class FaultClearCommand implements Callable<Integer> {

    @Mixin
    AdminOptions admin;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "The fault id (see gale fault list).")
    String id;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        JsonNode cleared = admin.client().clearFaults(id);
        PrintWriter out = spec.commandLine().getOut();
        if (id != null) {
            out.println(id + ": cleared");
        } else {
            cleared.path("faults").forEach(fault -> out.println(fault.path("id").asText() + ": cleared"));
            if (cleared.path("faults").isEmpty()) {
                out.println("no active fault");
            }
        }
        out.flush();
        return 0;
    }
}
