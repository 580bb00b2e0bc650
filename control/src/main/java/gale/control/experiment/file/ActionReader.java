package gale.control.experiment.file;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gale.control.deploy.Strategy;
import gale.control.experiment.Action;
import gale.control.fault.FaultJson;
import gale.control.stack.internal.Section;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Actions: each a mapping with one of {@code scale}, {@code stop-task}, {@code deploy}, {@code wait} or {@code fault};
 * the method's may carry {@code at}, an offset from the start of the method.
 */
final class ActionReader {

    static final List<String> KINDS = List.of("scale", "stop-task", "deploy", "wait", "await", "fault");

    private ActionReader() {}

    static Action.Timed timed(Section s) {
        Optional<Duration> at = s.has("at") ? Optional.of(s.duration("at", Duration.ZERO)) : Optional.empty();
        return new Action.Timed(at, action(s));
    }

    /** A method's {@code faults} item: a fault in the API's form plus {@code at}, as a load plan's faults. */
    static Action.Timed fault(Section s) {
        Duration at = s.duration("at", Duration.ZERO);
        return new Action.Timed(Optional.of(at), faultBody(s));
    }

    static Action action(Section s) {
        List<String> written = KINDS.stream().filter(s::has).toList();
        if (written.size() != 1) {
            throw s.error("one of " + String.join(", ", KINDS) + " per action (found: "
                    + (written.isEmpty() ? "none" : String.join(", ", written)) + ")");
        }
        Action action = switch (written.getFirst()) {
            case "scale" -> {
                Section a = s.section("scale");
                String service = required(a, "service");
                int count = a.integer("count", -1);
                if (!a.has("count")) {
                    throw a.error("count: missing (expected: the desired count)");
                }
                a.finish();
                yield a.build(() -> new Action.Scale(service, count));
            }
            case "stop-task" -> {
                Section a = s.section("stop-task");
                String service = required(a, "service");
                int count = a.integer("count", 1);
                boolean kill = a.bool("kill", false);
                a.finish();
                yield a.build(() -> new Action.StopTask(service, count, kill));
            }
            case "deploy" -> {
                Section a = s.section("deploy");
                String service = required(a, "service");
                var env = a.stringMap("env");
                var command = a.strings("command");
                Optional<String> strategy =
                        a.has("strategy") ? Optional.of(a.string("strategy", "")) : Optional.empty();
                // Checked now, with the line, rather than refused by the stack halfway through the method.
                strategy.ifPresent(text -> a.build(() -> Strategy.parse(text)));
                boolean wait = a.bool("wait", true);
                a.finish();
                yield a.build(() -> new Action.Deploy(service, env, command, strategy, wait));
            }
            case "wait" -> new Action.Wait(s.duration("wait", Duration.ZERO));
            case "await" -> {
                Section a = s.section("await");
                var measure = ProbeReader.measure(a, "type");
                if (!a.has("until")) {
                    throw a.error("until: missing (expected: a tolerance such as {min: 2})");
                }
                var until = ProbeReader.tolerance(a, "until");
                Duration timeout = a.duration("timeout", Action.Await.DEFAULT_TIMEOUT);
                a.finish();
                yield a.build(() -> new Action.Await(measure, until, timeout));
            }
            default -> {
                yield faultBody(s.section("fault"));
            }
        };
        s.finish();
        return action;
    }

    /** The fault's fields (all but {@code at}) as JSON, checked now by the API's own parser. */
    private static Action faultBody(Section s) {
        ObjectNode body = (ObjectNode) YamlJson.of(s.mapping());
        body.remove("at");
        body.fieldNames().forEachRemaining(s::has);
        try {
            FaultJson.parse(body);
        } catch (IllegalArgumentException e) {
            throw s.error(e.getMessage());
        }
        return new Action.InjectFault(body);
    }

    private static String required(Section a, String key) {
        if (!a.has(key)) {
            throw a.error(key + ": missing");
        }
        return a.string(key, "");
    }
}
