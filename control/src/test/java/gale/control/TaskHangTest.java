package gale.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import gale.balancer.BalancerObserver;
import gale.control.KeepAliveLoad.Failure;
import gale.control.events.Event;
import gale.control.fault.Fault;
import gale.control.fault.FaultJson;
import gale.control.stack.StackConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task hung (SIGSTOP) for 10 s under 10 clients through the default stack (two tasks of the reference app): its
 * health checks time out, it leaves the rotation within 3 s, and the requests it held go to the other task, so almost
 * none fails. ALB's defaults (30 s interval, 2 failures) would take a minute.
 */
class TaskHangTest {

    @TempDir
    Path stateRoot;

    private Stack stack;

    @AfterEach
    void stop() {
        if (stack != null) {
            stack.events()
                    .recent(10_000)
                    .forEach(
                            e -> System.out.printf("%s %-17s %-14s %s%n", e.time(), e.type(), e.subject(), e.reason()));
            stack.close();
        }
    }

    @Test
    void hungTaskLeavesTheRotationWithinThreeSecondsAndUnderOnePercentOfRequestsFail() throws Exception {
        stack = Stack.start(
                StackConfig.defaults().withFirstListenerPort(0).withWarmup(Duration.ZERO),
                new StackOptions("127.0.0.1", 0, stateRoot, Clock.systemUTC(), BalancerObserver.NOOP));
        await().atMost(Duration.ofSeconds(60)).until(() -> healthyTasks() == 2);

        KeepAliveLoad load =
                KeepAliveLoad.start(new InetSocketAddress("127.0.0.1", stack.listenerPort(0)), Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(10)).until(() -> load.elapsed().toSeconds() >= 4);
        Fault fault = stack.faults()
                .inject(FaultJson.parse(new ObjectMapper()
                        .createObjectNode()
                        .put("kind", "task-hang")
                        .put("duration", "10s")));
        String hung = fault.affected().getFirst();

        await().atMost(Duration.ofSeconds(10)).until(() -> unhealthyAt(hung, fault.startedAt()) != null);
        Duration outOfRotation = Duration.between(fault.startedAt(), unhealthyAt(hung, fault.startedAt()));
        load.awaitEnd();

        List<Failure> failures = load.failures();
        System.out.printf(
                "task-hang 10 s under %d clients: %d of %d requests failed (%.2f%%); out of rotation after %d ms%n",
                KeepAliveLoad.CLIENTS,
                failures.size(),
                load.total(),
                100.0 * failures.size() / load.total(),
                outOfRotation.toMillis());
        assertThat(outOfRotation).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(3));
        assertThat(load.total()).isGreaterThan(500);
        assertThat((double) failures.size()).as(failures.toString()).isLessThan(load.total() / 100.0);
        // The requests the hung task held went to the other task once it left the rotation, not after the hang.
        String metrics = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(stack.adminUrl().resolve("/metrics"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString())
                .body();
        assertThat(metrics).containsPattern("gale_balancer_retries_total\\{cause=\"no_response\"[^}]*} [1-9]");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> stack.faults().activeFaults().isEmpty());
        assertThat(FaultsTest.state(pidOf(fault))).isNotEqualTo("T");
    }

    private Instant unhealthyAt(String taskId, Instant after) {
        return stack.events().recent(10_000).stream()
                .filter(e -> e.subject().equals(taskId)
                        && e.type().equals("target.unhealthy")
                        && !e.time().isBefore(after))
                .map(Event::time)
                .findFirst()
                .orElse(null);
    }

    private long pidOf(Fault fault) {
        return stack.fleet().task(fault.affected().getFirst()).orElseThrow().pid();
    }

    private long healthyTasks() {
        return StreamSupport.stream(stack.status().path("tasks").spliterator(), false)
                .filter(t -> t.path("state").asText().equals("RUNNING")
                        && t.path("health").asText().equals("healthy"))
                .count();
    }
}
