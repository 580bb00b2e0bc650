package gale.fleet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Templates that launch {@link TestServer} in a fresh JVM, started as quickly as a JVM starts. */
final class TestTasks {

    private TestTasks() {}

    static TaskTemplate server(Map<String, String> env) {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path classes;
        try {
            classes = Path.of(TestServer.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<String> command = new ArrayList<>();
        if ("true".equals(env.get("TEST_IGNORE_SIGTERM"))) {
            // A shell sets SIGTERM to ignored, then execs the JVM in its place (same pid), which keeps it ignored.
            command.addAll(List.of("sh", "-c", "trap '' TERM; exec \"$0\" \"$@\""));
        }
        command.addAll(List.of(
                java,
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xmx32m",
                "-Xshare:auto",
                "-cp",
                classes.toString(),
                TestServer.class.getName(),
                "--port={port}"));
        return new TaskTemplate(command, new HashMap<>(env), null);
    }

    static TaskTemplate server() {
        return server(Map.of());
    }

    static ServiceConfig service(String name, int count, Map<String, String> env) {
        return new ServiceConfig(name, server(env), count, Duration.ofSeconds(5), Duration.ofSeconds(20), null, null);
    }
}
