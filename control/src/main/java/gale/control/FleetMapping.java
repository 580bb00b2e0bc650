package gale.control;

import gale.control.admin.StackDirectory;
import gale.control.stack.ServiceSpec;
import gale.fleet.ServiceConfig;
import gale.fleet.TaskTemplate;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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
        String classPath = appClassPath(System.getProperty("java.class.path"));
        List<String> launch = appLaunchArguments(classPath);
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(AppClassDataSharing.jvmFlags(cdsCacheDirectory(), java, classPath, launch));
        command.addAll(launch);
        return List.copyOf(command);
    }

    /** A task's arguments after {@code java} and the class data sharing flags: JVM options, class path, main class. */
    static List<String> appLaunchArguments(String classPath) {
        List<String> launch = new ArrayList<>();
        // A small heap and a quick start: a task is one small web app among several on one machine.
        launch.add("-Xss512k");
        launch.add("-XX:TieredStopAtLevel=1");
        launch.add("-XX:+UseSerialGC");
        // Netty's epoll transport loads a native library and, on JDK 24+, needs Unsafe allowed for fast buffers.
        launch.add("--enable-native-access=ALL-UNNAMED");
        if (Runtime.version().feature() >= 23) { // the option does not exist before JDK 23
            launch.add("--sun-misc-unsafe-memory-access=allow");
        }
        launch.add("-Xmx128m");
        launch.add("-cp");
        launch.add(classPath);
        launch.add(APP_MAIN);
        return List.copyOf(launch);
    }

    /**
     * This JVM's class path less the folders that do not hold the app (in tests, the control plane's own classes):
     * the JVM archives classes from jars only and turns class data sharing off when the path has a folder in it.
     */
    static String appClassPath(String classPath) {
        String appMainFile = APP_MAIN.replace('.', '/') + ".class";
        return Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> !Files.isDirectory(Path.of(entry))
                        || Files.exists(Path.of(entry).resolve(appMainFile)))
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** Beside the stacks' state ({@code ~/.gale/cds}): one archive serves every stack of this checkout. */
    private static Path cdsCacheDirectory() {
        return StackDirectory.defaultRoot().resolveSibling("cds");
    }
}
