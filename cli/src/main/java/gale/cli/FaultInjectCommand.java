package gale.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "inject",
        mixinStandardHelpOptions = true,
        description = {
            "Injects a fault and prints its id. A flag the kind does not read is refused (docs/faults.md).",
            "Kinds: task-kill, task-hang, task-cpu-stress, database-outage; at the balancer: http-latency,"
                    + " http-error, net-reset, net-blackhole, net-bandwidth, net-slow-close."
        })
final class FaultInjectCommand implements Callable<Integer> {

    @Mixin
    AdminOptions admin;

    @Parameters(index = "0", paramLabel = "KIND", description = "The fault, e.g. task-hang.")
    String kind;

    @Option(names = "--service", paramLabel = "S", description = "Task faults: the service (default: the only one).")
    String service;

    @ArgGroup(exclusive = true)
    Share share;

    static final class Share {
        @Option(names = "--count", paramLabel = "N", description = "Task faults: this many running tasks (default 1).")
        Integer count;

        @Option(names = "--percent", paramLabel = "P", description = "Task faults: this share of running tasks.")
        Integer percent;
    }

    @Option(
            names = "--duration",
            paramLabel = "D",
            description = "How long it lasts: 10s, 500ms, 2m (not for task-kill).")
    String duration;

    @Option(names = "--signal", paramLabel = "SIG", description = "task-kill: KILL (default) or TERM.")
    String signal;

    @Option(names = "--load", paramLabel = "P", description = "task-cpu-stress: percent of the task's CPU limit (100).")
    Integer load;

    @Option(names = "--mode", paramLabel = "M", description = "database-outage: stop (default) or hang.")
    String mode;

    @Option(
            names = "--target-group",
            paramLabel = "G",
            description = "Balancer faults: this target group's requests (default: the first listener's group).")
    String targetGroup;

    @Option(
            names = "--target",
            paramLabel = "HOST:PORT",
            description = "Balancer faults: only the requests sent to this target of the group (default: all).")
    String target;

    @Option(
            names = "--delay",
            paramLabel = "D",
            description = "http-latency: added to each request; net-slow-close: before a close (required).")
    String delay;

    @Option(names = "--jitter", paramLabel = "D", description = "http-latency: the delay varies by ± this (0).")
    String jitter;

    @Option(
            names = "--rate",
            paramLabel = "R",
            description = "http-error: fraction of requests answered with an error, 0-1 (1);"
                    + " net-bandwidth: bytes per second of the response (required).")
    Double rate;

    @Option(names = "--status", paramLabel = "CODE", description = "http-error: the status answered (503).")
    Integer status;

    @Option(
            names = "--toxicity",
            paramLabel = "F",
            description = "Balancer faults: fraction of requests the fault may act on, 0-1 (1).")
    Double toxicity;

    @Option(
            names = "--stop-on",
            paramLabel = "ALARM",
            description = "End the fault early when this alarm goes to ALARM (repeatable; * for any alarm).")
    List<String> stopOn;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        JsonNode fault = admin.client().injectFault(body());
        spec.commandLine().getOut().println(fault.path("id").asText());
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** Only what was given: the stack applies its own defaults and refuses what the kind does not read. */
    ObjectNode body() {
        ObjectNode body = new ObjectMapper().createObjectNode();
        body.put("kind", kind);
        putIfSet(body, "service", service);
        if (share != null && share.count != null) {
            body.put("count", share.count);
        }
        if (share != null && share.percent != null) {
            body.put("percent", share.percent);
        }
        putIfSet(body, "duration", duration);
        putIfSet(body, "signal", signal);
        if (load != null) {
            body.put("load", load);
        }
        putIfSet(body, "mode", mode);
        putIfSet(body, "targetGroup", targetGroup);
        putIfSet(body, "target", target);
        putIfSet(body, "delay", delay);
        putIfSet(body, "jitter", jitter);
        if (rate != null) {
            body.put("rate", rate);
        }
        if (status != null) {
            body.put("status", status);
        }
        if (toxicity != null) {
            body.put("toxicity", toxicity);
        }
        if (stopOn != null) {
            stopOn.forEach(body.putArray("stopOn")::add);
        }
        return body;
    }

    private static void putIfSet(ObjectNode body, String field, String value) {
        if (value != null) {
            body.put(field, value);
        }
    }
}
