package gale.cli;

import gale.loadgen.api.ApiException;
import gale.loadgen.api.RunStatus;
import gale.loadgen.api.StatusApi;
import gale.loadgen.api.StatusClient;
import gale.loadgen.api.StatusPatch;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gale load control}: k6's {@code status}, {@code scale}, {@code pause}, {@code resume} and {@code stop}. */
@Command(
        name = "control",
        mixinStandardHelpOptions = true,
        description = "Reads or changes a running gale load through its API (GET/PATCH /v1/status): status; scale N"
                + " (the externally-controlled scenario's VUs, up to its maxVUs); pause and resume (VUs finish their"
                + " iteration, then wait); stop (the test ends as if its time were up, with its summary and outputs).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done (status printed)",
            "1:refused by the test (the reason is printed), or no gale load answers",
            "2:bad input"
        })
final class LoadControlCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "ACTION", description = "status, scale N, pause, resume or stop.")
    String action;

    @Parameters(index = "1", arity = "0..1", paramLabel = "N", description = "With scale: the VUs to run.")
    Integer vus;

    @Option(
            names = {"-a", "--address"},
            paramLabel = "HOST:PORT",
            defaultValue = "127.0.0.1:" + StatusApi.DEFAULT_PORT,
            description = "Where gale load serves its API (default: ${DEFAULT-VALUE}).")
    String address;

    @Option(names = "--json", description = "Print the status as the API answers it (k6's JSON).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        StatusPatch patch;
        try {
            patch = patch();
        } catch (IllegalArgumentException e) {
            err.println("gale load control: " + e.getMessage());
            return Gale.EXIT_BAD_INPUT;
        }
        StatusClient client;
        try {
            client = new StatusClient(StatusApi.address(address));
        } catch (IllegalArgumentException e) {
            err.println("gale load control: " + e.getMessage());
            return Gale.EXIT_BAD_INPUT;
        }
        RunStatus status;
        try {
            status = patch == null ? client.status() : client.patch(patch);
        } catch (ApiException e) {
            err.println("gale load control: " + e.getMessage());
            return 1;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? status.toJson() : text(status));
        out.flush();
        return 0;
    }

    private StatusPatch patch() {
        String a = action.toLowerCase(Locale.ROOT);
        if (!a.equals("scale") && vus != null) {
            throw new IllegalArgumentException(action + " " + vus + " (expected: a number only after scale)");
        }
        return switch (a) {
            case "status" -> null;
            case "scale" -> {
                if (vus == null) {
                    throw new IllegalArgumentException("scale (expected: scale N, the VUs to run)");
                }
                yield new StatusPatch(vus, null, null, null);
            }
            case "pause" -> new StatusPatch(null, null, true, null);
            case "resume" -> new StatusPatch(null, null, false, null);
            case "stop" -> new StatusPatch(null, null, null, true);
            default ->
                throw new IllegalArgumentException(
                        "'" + action + "' (expected: status, scale N, pause, resume or stop)");
        };
    }

    static String text(RunStatus s) {
        return String.format(
                Locale.ROOT,
                "running     %s (%.1f s)%nvus         %d of at most %d (%d in an iteration, %d allocated)%n"
                        + "paused      %s%nstopped     %s%niterations  %d%nhttp_reqs   %d (%d failed)",
                s.running() ? "yes" : "no",
                s.elapsedSeconds(),
                s.vus(),
                s.vusMax(),
                s.vusActive(),
                s.vusAllocated(),
                s.paused() ? "yes" : "no",
                s.stopped() ? "yes" : "no",
                s.iterations(),
                s.httpReqs(),
                s.httpReqFailed());
    }
}
