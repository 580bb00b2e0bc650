package gale.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gale.balancer.BalancerObserver;
import gale.control.Stack;
import gale.control.StackOptions;
import gale.control.events.Event;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A plan's {@code faults:} fired through a real stack's control plane, and shown on the HTML report's timeline. */
class LoadFaultsTest {

    @TempDir
    Path dir;

    private Stack stack;

    @AfterEach
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void planFaultsAreInjectedAtTheirOffsetsRevertedAndShownOnTheReportTimeline() throws Exception {
        Path state = Files.createDirectories(dir.resolve("state"));
        stack = Stack.start(
                StackCommandsTest.helloStack(2).withWarmup(Duration.ZERO),
                new StackOptions("127.0.0.1", 0, state, Clock.systemUTC(), BalancerObserver.NOOP));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> stack.fleet().tasks().stream()
                                .filter(t -> t.state().name().equals("RUNNING"))
                                .count()
                        == 2);
        Path plan = Files.writeString(dir.resolve("plan.yaml"), """
                scenarios:
                  steady:
                    executor: constant-vus
                    vus: 2
                    duration: 7s
                    think: 100ms
                    requests: [ "%s" ]
                faults:
                  - { at: 1s, kind: task-hang, service: web, count: 1, duration: 2s }
                  - { at: 2s, kind: database-outage, mode: stop, duration: 1s }
                  - { at: 4s, kind: http-latency, targetGroup: web, delay: 200ms, jitter: 50ms, toxicity: 1, duration: 1s }
                """.formatted(stack.listenerUrl(0)));
        Path report = dir.resolve("report.html");
        StringWriter err = new StringWriter();
        CommandLine cli = Gale.commandLine();
        cli.setErr(new PrintWriter(err, true));

        int exit = cli.execute(
                "load",
                "-f",
                plan.toString(),
                "--control",
                stack.adminUrl().toString(),
                "--state-dir",
                state.toString(),
                "--report",
                report.toString(),
                "--quiet");

        assertThat(exit).as(err.toString()).isZero();
        List<Event> faultEvents = stack.events().recent(10_000).stream()
                .filter(e -> e.type().startsWith("fault."))
                .toList();
        assertThat(faultEvents)
                .extracting(Event::type)
                .containsExactlyInAnyOrder(
                        "fault.started", "fault.started", "fault.started", "fault.ended", "fault.ended", "fault.ended");
        String html = Files.readString(report);
        assertThat(html)
                .contains(
                        "fault.started",
                        "fault.ended",
                        "task-hang of web-",
                        "database-outage of embedded H2",
                        "http-latency of web for 1.0s");
        for (Event started : faultEvents.stream()
                .filter(e -> e.type().equals("fault.started"))
                .toList()) {
            // Each fault is a band of the report's timeline (report.js draws data.faults on every time chart).
            assertThat(html).contains("{\"id\":\"" + started.subject() + "\",\"from\":");
        }
    }

    @Test
    void planFaultsWithoutAControlPlaneAreBadInput() throws Exception {
        Path plan = Files.writeString(dir.resolve("plan.yaml"), """
                scenarios:
                  steady: { executor: constant-vus, vus: 1, duration: 1s, requests: [ "http://127.0.0.1:9/" ] }
                faults:
                  - { at: 1s, kind: task-hang, duration: 2s }
                """);
        StringWriter err = new StringWriter();
        CommandLine cli = Gale.commandLine();
        cli.setErr(new PrintWriter(err, true));

        assertThat(cli.execute("load", "-f", plan.toString(), "--quiet")).isEqualTo(2);
        assertThat(err.toString()).contains("faults: 1 fault(s) (expected: a control plane to inject them");
    }
}
