package gale.control.data;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import gale.balancer.BalancerObserver;
import gale.control.Stack;
import gale.control.StackOptions;
import gale.control.stack.StackConfig;
import gale.control.stack.StackFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;

/** Stacks of the reference app on a managed data tier, and what the tests ask them. */
final class DataStacks {

    static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private DataStacks() {}

    /** Two tasks of the reference app on {@code data} (the stack file's database and cache sections). */
    static StackConfig config(String data) {
        return StackFile.parse("data-tier.yaml", """
                        listeners: [{ port: 0, defaultTargetGroup: web }]
                        targetGroups:
                          web:
                            healthCheck: { path: /health, interval: 1s, timeout: 1s, healthyThreshold: 2, unhealthyThreshold: 2 }
                        services:
                          web: { desiredCount: 2, targetGroup: web }
                        """ + data).withWarmup(Duration.ZERO);
    }

    static Stack start(StackConfig config, Path stateRoot, int adminPort, boolean fresh) {
        StackOptions options =
                new StackOptions("127.0.0.1", adminPort, stateRoot, Clock.systemUTC(), BalancerObserver.NOOP);
        return Stack.start(config, fresh ? options.withFreshData() : options);
    }

    static void awaitHealthyTasks(Stack stack, int count) {
        await().atMost(Duration.ofSeconds(120)).until(() -> healthyTasks(stack).size() == count);
    }

    static List<String> healthyTasks(Stack stack) {
        return StreamSupport.stream(stack.status().path("tasks").spliterator(), false)
                .filter(t -> t.path("state").asText().equals("RUNNING")
                        && t.path("health").asText().equals("healthy"))
                .map(t -> t.path("id").asText())
                .toList();
    }

    static JsonNode dataRow(Stack stack, String name) {
        for (JsonNode row : stack.status().path("data")) {
            if (row.path("name").asText().equals(name)) {
                return row;
            }
        }
        throw new AssertionError("no data row " + name + " in " + stack.status().path("data"));
    }

    static URI url(Stack stack, String path) {
        return stack.listenerUrl(0).resolve(path);
    }

    static HttpResponse<String> get(Stack stack, String path) throws Exception {
        return CLIENT.send(
                HttpRequest.newBuilder(url(stack, path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> postUrl(Stack stack, String target) throws Exception {
        return CLIENT.send(
                HttpRequest.newBuilder(url(stack, "/urls"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"url\": \"" + target + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** SIGKILL to the server and the processes it started, as a crash of its host would. */
    static void killServer(long pid) {
        ProcessHandle server = ProcessHandle.of(pid).orElseThrow();
        server.destroyForcibly();
        server.descendants().forEach(ProcessHandle::destroyForcibly);
    }
}
