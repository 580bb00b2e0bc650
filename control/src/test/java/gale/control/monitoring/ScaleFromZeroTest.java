package gale.control.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gale.control.HelloTask;
import gale.control.Stack;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service scaled to zero ({@code minCount: 0}) comes back on demand: the balancer holds the first request while the
 * group has no target, the autoscaler reads the held request as demand and starts a task, and the task answers it.
 */
class ScaleFromZeroTest {

    @TempDir
    Path stateRoot;

    private final MonitoringStacks stacks = new MonitoringStacks();
    private Stack stack;

    @AfterEach
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void requestsToAServiceScaledToZeroBringItsFirstTaskBack() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        String yaml = """
                listeners: [ { port: 0, defaultTargetGroup: web } ]
                targetGroups:
                  web:
                    healthCheck: { path: /health, interval: 500ms, timeout: 500ms, healthyThreshold: 2 }
                services:
                  web:
                    command: ["%s", "-cp", "%s", "%s"]
                    desiredCount: 0
                    targetGroup: web
                    autoscaling:
                      minCount: 0
                      maxCount: 2
                      targetTracking: { metric: requestsPerTarget, target: 100 }
                """.formatted(java, System.getProperty("java.class.path"), HelloTask.class.getName());
        stack = stacks.start(yaml, stateRoot);

        // Held while a JVM task starts and passes two checks: longer than the usual client timeout on a busy machine.
        CompletableFuture<HttpResponse<String>> held = HttpClient.newHttpClient()
                .sendAsync(
                        HttpRequest.newBuilder(stack.listenerUrl(0))
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        // Sampled each second; the hold lasts a task's start plus two checks, so at least one sample sees it.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> stacks.get(stack.adminUrl().resolve("/metrics"))
                        .body()
                        .contains("gale_balancer_held_requests{target_group=\"web\"} 1.0"));
        HttpResponse<String> first = held.get(40, TimeUnit.SECONDS);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).startsWith("hello from web-");
        assertThat(stacks.eventsOfType(stack, "autoscaling.decision"))
                .anySatisfy(e -> assertThat(e.path("reason").asText())
                        .isEqualTo("out: demand while scaled to zero: 0 → 1 tasks"));
        assertThat(stacks.eventsOfType(stack, "service.scaled"))
                .anySatisfy(e -> assertThat(e.path("reason").asText())
                        .startsWith("Desired count set to 1 by the autoscaler: demand while scaled to zero"));
    }
}
