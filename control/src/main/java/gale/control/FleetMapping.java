package gale.control;

import gale.control.stack.ServiceSpec;
import gale.fleet.ServiceConfig;
import gale.fleet.TaskTemplate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps a stack file service onto the fleet's {@link ServiceConfig}. A service without a command runs the built-in
 * reference app in a JVM of its own, from Gale's own class path (under {@code ./gale} that is gale.jar, whose manifest
 * lists lib/*).
 */
final class FleetMapping {

    static final String APP_MAIN = "gale.app.AppMain";

    private FleetMapping() {}

    static ServiceConfig of(String name, ServiceSpec spec, Map<String, String> stackEnv) {
        List<String> command = spec.builtInApp() ? builtInAppCommand() : spec.command();
        Map<String, String> env = new HashMap<>(stackEnv);
        env.putAll(spec.env());
        TaskTemplate template = new TaskTemplate(
                command, env, spec.workingDirectory().map(Path::of).orElse(null));
        return new ServiceConfig(
                name,
                template,
                spec.desiredCount(),
                spec.stopTimeout(),
                ServiceConfig.DEFAULT_START_TIMEOUT,
                spec.cpu().isPresent() ? spec.cpu().getAsDouble() : null,
                spec.memoryBytes().isPresent() ? spec.memoryBytes().getAsLong() : null);
    }

    /** The current java binary running {@code gale.app.AppMain} from this JVM's class path. */
    static List<String> builtInAppCommand() {
        String java = ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>();
        command.add(java);
        // A small heap and a quick start: a task is one small web app among several on one machine.
        command.add("-Xss512k");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.add("-Xmx128m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(APP_MAIN);
        return List.copyOf(command);
    }
}
