package gale.control.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gale.control.Stack;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * examples/autoscaling.yaml as written (ephemeral port, the notifier at a local sink), reference-app tasks limited to a
 * quarter core: {@code POST /stress} through the balancer drives CPU past the 50% target, the service reaches 3
 * tasks, and once the load ends and the cooldowns pass it returns to 1; every decision is an event with its reason.
 * Measures the seconds from the first stress request to the first request answered by a new task.
 */
class AutoscalingEndToEndTest {

    private static final Logger log = LoggerFactory.getLogger(AutoscalingEndToEndTest.class);
    /** Each stress request burns one core for this long; repeated while scaling out, so the load stays short. */
    private static final int STRESS_SECONDS = 2;
    /**
     * Burns overlap: the balancer spreads the stress requests round robin, so with two tasks each one gets every
     * other request, and a request per burn length would keep each at half its CPU, right at the 50% target.
     */
    private static final Duration STRESS_INTERVAL = Duration.ofMillis(500);

    @TempDir
    Path stateRoot;

    private final MonitoringStacks stacks = new MonitoringStacks();
    private final ObjectMapper json = new ObjectMapper();
    private DiscordSink sink;
    private Stack stack;

    @AfterEach
    void stop() {
        if (stack != null) {
            stack.close();
        }
        if (sink != null) {
            sink.close();
        }
    }

    @Test
    void cpuStressScalesOutToThreeTasksAndBackToOneWithEveryDecisionExplained() throws Exception {
        sink = new DiscordSink(0.1);
        stack = stacks.start(MonitoringStacks.autoscalingExample(sink.webhookUrl()), stateRoot);
        try {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> stacks.healthyTasks(stack).size() == 1);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no healthy task; events: " + stacks.events(stack), e);
        }
        // The load step comes once the task is warm: its start-up CPU is behind it and the policy counts it.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> stacks.eventsOfType(stack, "autoscaling.decision").stream()
                        .anyMatch(e -> e.path("reason").asText().startsWith("none: cpu ")));
        String first = whoami();
        URI stress = stack.listenerUrl(0).resolve("/stress");

        long start = System.nanoTime();
        long lastStress = 0;
        Double reactionSeconds = null;
        long deadline = start + Duration.ofSeconds(40).toNanos();
        boolean stressing = true;
        while (System.nanoTime() < deadline && (reactionSeconds == null || stressing)) {
            stressing = stressing && desiredCount() < 3;
            if (stressing && System.nanoTime() - lastStress >= STRESS_INTERVAL.toNanos()) {
                lastStress = System.nanoTime();
                assertThat(stacks.post(stress, "{\"seconds\":" + STRESS_SECONDS + "}")
                                .statusCode())
                        .isEqualTo(202);
            }
            if (reactionSeconds == null && !whoami().equals(first)) {
                reactionSeconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("AUTOSCALE_REACTION_SECONDS=%.1f%n", reactionSeconds);
                log.info("First new task served {} s after the first stress request", reactionSeconds);
            }
            Thread.sleep(250); // paces the probe loop; every condition above is checked, not assumed
        }
        System.out.println("CPU limits: " + stack.fleet().cgroups().describe());
        decisions().forEach(d -> System.out.println("DECISION " + d));
        assertThat(reactionSeconds)
                .as("a new task served traffic; decisions: %s; status: %s", decisions(), status())
                .isNotNull();
        assertThat(desiredCount()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> stacks.healthyTasks(stack).size() == 3);

        // The load has ended: after the 5 s metric window, the 30 s stabilization and the 20 s cooldown, back to 1.
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> desiredCount() == 1);

        List<JsonNode> decisions = stacks.eventsOfType(stack, "autoscaling.decision");
        List<String> reasons =
                decisions.stream().map(e -> e.path("reason").asText()).toList();
        assertThat(reasons)
                .anySatisfy(r -> assertThat(r).startsWith("out: cpu ").contains("> target 50%: 1 → "));
        assertThat(reasons)
                .anySatisfy(r -> assertThat(r).startsWith("out: cpu ").contains("> target 50%: 2 → "));
        assertThat(reasons).anySatisfy(r -> assertThat(r).startsWith("in: cpu ").contains("< target 50%: 3 → "));
        assertThat(reasons).anySatisfy(r -> assertThat(r).contains("scale-in stabilization"));
        decisions.forEach(e -> assertThat(e.path("subject").asText()).isEqualTo("web"));
        List<String> scaled = stacks.eventsOfType(stack, "service.scaled").stream()
                .map(e -> e.path("reason").asText())
                .toList();
        assertThat(scaled).anySatisfy(r -> assertThat(r).startsWith("Desired count set to 3 by the autoscaler: cpu"));
        assertThat(scaled).anySatisfy(r -> assertThat(r).startsWith("Desired count set to 1 by the autoscaler: cpu"));
        String metrics = stacks.get(stack.adminUrl().resolve("/metrics")).body();
        assertThat(metrics).contains("gale_autoscaler_decisions_total{direction=\"out\",service=\"web\"}");
        assertThat(reactionSeconds).as("seconds to the first new task serving").isLessThan(20);
    }

    private List<String> decisions() throws Exception {
        return stacks.events(stack).stream()
                .filter(e -> !e.path("type").asText().startsWith("alarm"))
                .map(e -> e.path("time").asText() + " " + e.path("type").asText() + " "
                        + e.path("subject").asText() + " " + e.path("reason").asText())
                .toList();
    }

    private JsonNode status() throws Exception {
        return stacks.getJson(stack.adminUrl().resolve("/api/status"));
    }

    private String whoami() throws Exception {
        return json.readTree(stacks.get(stack.listenerUrl(0).resolve("/whoami")).body())
                .path("taskId")
                .asText();
    }

    private int desiredCount() throws Exception {
        return stacks.service(stack, "web").path("desiredCount").asInt();
    }
}
