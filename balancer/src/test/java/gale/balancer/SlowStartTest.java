package gale.balancer;

import static gale.balancer.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A target that turns healthy beside one already serving ramps up over the slow-start window, from a tenth of a full
 * share, and takes a full share once the window ends; the first healthy target takes a full share at once.
 */
@ExtendWith(LeakCheck.class)
class SlowStartTest {
    private static final Duration WINDOW = Duration.ofSeconds(4);

    private final List<AutoCloseable> closing = new ArrayList<>();
    private Balancer balancer;
    private TestBackend a;
    private TestBackend b;

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
    }

    /** a serves; b fails its checks until {@link #bTurnsHealthy} lets it pass. */
    private void startWith(Algorithm algorithm, Duration slowStart) throws Exception {
        a = TestBackend.start("a");
        closing.add(a);
        b = TestBackend.start("b");
        closing.add(b);
        b.healthStatus.set(500);
        List<InetSocketAddress> targets = List.of(a.address(), b.address());
        balancer = Fixtures.start(new TargetGroupConfig("web", algorithm, FAST_CHECKS, ms(2000), slowStart, targets));
        closing.add(balancer);
        awaitStates(balancer, "web", TargetState.HEALTHY, 1);
        awaitStates(balancer, "web", TargetState.UNHEALTHY, 1);
    }

    private void bTurnsHealthy() {
        b.healthStatus.set(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> snapshot("b").state() == TargetState.HEALTHY);
    }

    private TargetSnapshot snapshot(String name) {
        TestBackend backend = name.equals("a") ? a : b;
        return balancer.targetGroup("web").targets().stream()
                .filter(t -> t.address().getPort() == backend.address().getPort())
                .findFirst()
                .orElseThrow();
    }

    /** How many of {@code count} requests, one at a time, went to b. */
    private int sentToB(int count) throws Exception {
        int toB = 0;
        for (int i = 0; i < count; i++) {
            var response = get(balancer, "/");
            assertThat(response.statusCode()).isEqualTo(200);
            if (response.body().equals("b")) {
                toB++;
            }
        }
        return toB;
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void aTargetTurningHealthyBesideAServingOneRampsUpThenTakesAFullShare(Algorithm algorithm) throws Exception {
        startWith(algorithm, WINDOW);
        assertThat(snapshot("a").slowStartLeft()).isZero();

        bTurnsHealthy();
        assertThat(snapshot("b").slowStartLeft()).isPositive().isLessThanOrEqualTo(WINDOW);
        // Early in the window b's weight is 0.1 to ~0.3: 5-15% of the requests (none at all: 0.95^200, 4 in 100,000).
        assertThat(sentToB(200)).isBetween(1, 80);

        await().atMost(WINDOW.plusSeconds(5))
                .until(() -> snapshot("b").slowStartLeft().isZero());
        // One at a time, both idle: round robin alternates, least outstanding requests ties go round robin.
        assertThat(sentToB(100)).isBetween(45, 55);
    }

    @Test
    void aTargetThatFailsItsChecksLeavesSlowStartAndRampsAgainWhenBack() throws Exception {
        startWith(Algorithm.ROUND_ROBIN, Duration.ofMinutes(1));
        bTurnsHealthy();
        assertThat(snapshot("b").slowStartLeft()).isPositive();

        b.healthStatus.set(500);
        await().atMost(Duration.ofSeconds(5)).until(() -> snapshot("b").state() == TargetState.UNHEALTHY);
        assertThat(snapshot("b").slowStartLeft()).isZero();

        bTurnsHealthy();
        assertThat(snapshot("b").slowStartLeft()).isGreaterThan(Duration.ofSeconds(50));
        assertThat(sentToB(200)).isBetween(1, 80);
    }

    @Test
    void withoutSlowStartATargetTakesAFullShareAtOnce() throws Exception {
        startWith(Algorithm.ROUND_ROBIN, Duration.ZERO);
        bTurnsHealthy();

        assertThat(snapshot("b").slowStartLeft()).isZero();
        assertThat(sentToB(100)).isBetween(45, 55);
    }
}
