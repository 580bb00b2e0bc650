package gale.control.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gale.balancer.BalancerObserver;
import gale.control.Stack;
import gale.control.StackOptions;
import gale.control.stack.StackConfig;
import gale.control.stack.StackFile;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Stacks and HTTP calls the monitoring tests share: real stacks on ephemeral ports, read through the admin API. */
final class MonitoringStacks {

    /** examples/autoscaling.yaml as written, but on an ephemeral port and with the Discord notifier at {@code webhook}. */
    static String autoscalingExample(String webhook) {
        return """
                listeners:
                  - port: 0
                    defaultTargetGroup: web
                targetGroups:
                  web:
                    healthCheck: { path: /health, interval: 1s, healthyThreshold: 2, unhealthyThreshold: 2 }
                services:
                  web:
                    desiredCount: 1
                    targetGroup: web
                    cpu: 0.25
                    autoscaling:
                      minCount: 1
                      maxCount: 3
                      targetTracking: { metric: cpu, target: 50 }
                      scaleOutCooldown: 5s
                      scaleInCooldown: 20s
                alarms:
                  web-5xx:
                    metric: http_5xx_count
                    targetGroup: web
                    statistic: sum
                    period: 5s
                    evaluationPeriods: 1
                    threshold: 0
                    comparison: ">"
                    notify: [ops]
                notifiers:
                  ops: { discord: "%s" }
                """.formatted(webhook);
    }

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    Stack start(String yaml, Path stateRoot) {
        // The stack's behaviour, not the JIT's: no warm-up (StackTest has one with it).
        StackConfig config = StackFile.parse("monitoring-test.yaml", yaml).withWarmup(Duration.ZERO);
        return Stack.start(
                config, new StackOptions("127.0.0.1", 0, stateRoot, Clock.systemUTC(), BalancerObserver.NOOP));
    }

    HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(URI uri, String body) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    JsonNode getJson(URI uri) throws IOException, InterruptedException {
        return json.readTree(get(uri).body());
    }

    /** {@code GET /api/events?limit=10000} of the stack's admin API. */
    List<JsonNode> events(Stack stack) throws IOException, InterruptedException {
        List<JsonNode> events = new ArrayList<>();
        getJson(stack.adminUrl().resolve("/api/events?limit=10000")).forEach(events::add);
        return events;
    }

    List<JsonNode> eventsOfType(Stack stack, String type) throws IOException, InterruptedException {
        return events(stack).stream()
                .filter(e -> e.path("type").asText().equals(type))
                .toList();
    }

    /** Tasks of {@code /api/status} that are RUNNING and healthy in their target group. */
    List<JsonNode> healthyTasks(Stack stack) throws IOException, InterruptedException {
        List<JsonNode> tasks = new ArrayList<>();
        getJson(stack.adminUrl().resolve("/api/status")).path("tasks").forEach(task -> {
            if (task.path("state").asText().equals("RUNNING")
                    && task.path("health").asText().equals("healthy")) {
                tasks.add(task);
            }
        });
        return tasks;
    }

    JsonNode service(Stack stack, String name) throws IOException, InterruptedException {
        for (JsonNode service : getJson(stack.adminUrl().resolve("/api/status")).path("services")) {
            if (service.path("name").asText().equals(name)) {
                return service;
            }
        }
        throw new AssertionError("no service " + name);
    }
}
