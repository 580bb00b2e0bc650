package gale.balancer;

import static gale.balancer.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Active checks move targets through ALB's states with its reasons; fail-open keeps serving when all are down. */
@ExtendWith(LeakCheck.class)
class HealthCheckTest {
    private final List<String> transitions = new CopyOnWriteArrayList<>();
    private final RecordingObserver observer = new RecordingObserver();
    private Balancer balancer;
    private TestBackend a;
    private TestBackend b;

    @AfterEach
    void stop() throws Exception {
        if (balancer != null) {
            balancer.close();
        }
        for (TestBackend t : new TestBackend[] {a, b}) {
            if (t != null) {
                t.close();
            }
        }
    }

    private void startWith(InetSocketAddress... targets) {
        balancer = Fixtures.start(group("web", Algorithm.ROUND_ROBIN, targets));
        balancer.setObserver(observer);
        balancer.addTargetListener(
                (group, target, previous) -> transitions.add(previous + "->" + target.state() + " " + target.reason()));
    }

    private TargetSnapshot only() {
        return balancer.targetGroup("web").targets().getFirst();
    }

    @Test
    void targetMovesThroughStatesAtTheThresholds() throws Exception {
        a = TestBackend.start("a");
        startWith(a.address());
        assertThat(only().state()).isIn(TargetState.INITIAL, TargetState.HEALTHY);

        awaitStates(balancer, "web", TargetState.HEALTHY, 1);
        int checksWhenHealthy = a.healthCheckCount();
        assertThat(checksWhenHealthy).isGreaterThanOrEqualTo(2);

        a.healthStatus.set(500);
        awaitStates(balancer, "web", TargetState.UNHEALTHY, 1);
        assertThat(only().reason()).isEqualTo("Target.ResponseCodeMismatch");
        assertThat(only().detail()).contains("500");
        assertThat(a.healthCheckCount() - checksWhenHealthy).isGreaterThanOrEqualTo(2);

        a.healthStatus.set(200);
        awaitStates(balancer, "web", TargetState.HEALTHY, 1);

        assertThat(transitions)
                .containsSubsequence(
                        "INITIAL->HEALTHY Target.Healthy",
                        "HEALTHY->UNHEALTHY Target.ResponseCodeMismatch",
                        "UNHEALTHY->HEALTHY Target.Healthy");
    }

    @Test
    void unansweredCheckIsTimeout() throws Exception {
        a = TestBackend.start("a");
        a.healthHang = true;
        startWith(a.address());

        awaitStates(balancer, "web", TargetState.UNHEALTHY, 1);

        assertThat(only().reason()).isEqualTo("Target.Timeout");
    }

    @Test
    void refusedCheckIsFailedHealthChecks() throws Exception {
        startWith(TestBackend.refusingAddress());

        awaitStates(balancer, "web", TargetState.UNHEALTHY, 1);

        assertThat(only().reason()).isIn("Target.FailedHealthChecks", "Target.ConnectionRefused");
        assertThat(only().detail()).contains("refused");
    }

    @Test
    void allTargetsUnhealthyFailsOpenVisiblyAndStillServes() throws Exception {
        a = TestBackend.start("a");
        b = TestBackend.start("b");
        a.healthStatus.set(503);
        b.healthStatus.set(503);
        startWith(a.address(), b.address());
        awaitStates(balancer, "web", TargetState.UNHEALTHY, 2);

        for (int i = 0; i < 4; i++) {
            assertThat(get(balancer, "/").statusCode()).isEqualTo(200);
        }
        assertThat(a.requestCount()).isEqualTo(2);
        assertThat(b.requestCount()).isEqualTo(2);
        assertThat(observer.events).contains("fail-open web");

        a.healthStatus.set(200);
        awaitStates(balancer, "web", TargetState.HEALTHY, 1);
        assertThat(observer.events).contains("fail-open-over web");
        for (int i = 0; i < 4; i++) {
            assertThat(get(balancer, "/").body()).isEqualTo("a");
        }
    }

    @Test
    void healthChecksStopWhenBalancerCloses() throws Exception {
        a = TestBackend.start("a");
        startWith(a.address());
        awaitStates(balancer, "web", TargetState.HEALTHY, 1);

        balancer.close();
        balancer = null;
        int after = a.healthCheckCount();

        await().during(Duration.ofMillis(400))
                .atMost(Duration.ofSeconds(2))
                .until(() -> a.healthCheckCount() <= after + 1);
    }

    @Test
    void checkIsOneGetWithCloseAndAMalformedAnswerFailsIt() throws Exception {
        try (RawTarget target = new RawTarget("NOT HTTP AT ALL\r\n\r\n")) {
            startWith(target.address());

            awaitStates(balancer, "web", TargetState.UNHEALTHY, 1);

            assertThat(only().reason()).isEqualTo("Target.FailedHealthChecks");
            assertThat(only().detail()).isEqualTo("malformed response");
            assertThat(target.heads.getFirst())
                    .startsWith("GET " + TestBackend.HEALTH_PATH + " HTTP/1.1\r\n")
                    .contains("\r\nHost: 127.0.0.1:" + target.address().getPort() + "\r\n")
                    .contains("\r\nUser-Agent: Gale-HealthChecker/1.0\r\n")
                    .contains("\r\nConnection: close\r\n")
                    .endsWith("\r\n\r\n");
        }
    }

    @Test
    void interimResponseIsSkippedAndTheFinalOneCounts() throws Exception {
        try (RawTarget target = new RawTarget(
                "HTTP/1.1 100 Continue\r\n\r\n" + "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n")) {
            startWith(target.address());

            awaitStates(balancer, "web", TargetState.HEALTHY, 1);
        }
    }

    @Test
    void targetThatClosesWithoutAnsweringFailsTheCheck() throws Exception {
        try (RawTarget target = new RawTarget("")) {
            startWith(target.address());

            awaitStates(balancer, "web", TargetState.UNHEALTHY, 1);

            assertThat(only().detail()).isEqualTo("connection closed before a response");
        }
    }

    /** A target on a plain socket: records each request head, answers with fixed bytes and closes. */
    private static final class RawTarget implements AutoCloseable {
        final List<String> heads = new CopyOnWriteArrayList<>();
        private final ServerSocket server;
        private final byte[] answer;
        private final Thread acceptor;

        RawTarget(String answer) throws IOException {
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            this.answer = answer.getBytes(StandardCharsets.ISO_8859_1);
            this.acceptor = Thread.ofVirtual().start(this::serve);
        }

        InetSocketAddress address() {
            return new InetSocketAddress("127.0.0.1", server.getLocalPort());
        }

        private void serve() {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    heads.add(readHead(s.getInputStream()));
                    s.getOutputStream().write(answer);
                } catch (IOException e) {
                    // closed by the test, or the balancer gave up on the check: the next accept decides
                }
            }
        }

        private static String readHead(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0) {
                head.append((char) c);
                if (head.length() >= 4 && head.lastIndexOf("\r\n\r\n") == head.length() - 4) {
                    break;
                }
            }
            return head.toString();
        }

        @Override
        public void close() throws Exception {
            server.close();
            acceptor.join();
        }
    }
}
