package gale.loadgen.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import gale.loadgen.plan.ExecutorSpec;
import gale.loadgen.plan.Stage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArrivalScheduleTest {

    @Test
    void spacesConstantArrivalsEvenly() {
        var s = new ArrivalSchedule(
                new ExecutorSpec.ConstantArrivalRate(1000, Duration.ofSeconds(1), Duration.ofSeconds(2), 1, 1));
        assertThat(s.total()).isEqualTo(2000);
        assertThat(s.offsetNanos(0)).isZero();
        assertThat(s.offsetNanos(1)).isEqualTo(1_000_000);
        assertThat(s.offsetNanos(1999)).isEqualTo(1_999_000_000L);
        assertThat(s.offsetNanos(2000)).isEqualTo(-1);
    }

    @Test
    void honoursTimeUnit() {
        var s = new ArrivalSchedule(
                new ExecutorSpec.ConstantArrivalRate(30, Duration.ofMinutes(1), Duration.ofMinutes(1), 1, 1));
        assertThat(s.total()).isEqualTo(30);
        assertThat(s.offsetNanos(1)).isEqualTo(2_000_000_000L);
    }

    @Test
    void integratesALinearRamp() {
        // 0 -> 100/s over 10 s: 500 iterations; half of them (250) are due by t = sqrt(2 * 250 / 10) = 7.07 s.
        var s = new ArrivalSchedule(new ExecutorSpec.RampingArrivalRate(
                0, Duration.ofSeconds(1), List.of(Stage.linear(Duration.ofSeconds(10), 100)), 1, 1));
        assertThat(s.total()).isEqualTo(500);
        assertThat(s.offsetNanos(250) / 1e9).isCloseTo(Math.sqrt(50), within(0.001));
        long last = -1;
        for (long i = 0; i < 500; i++) {
            long t = s.offsetNanos(i);
            assertThat(t).isGreaterThanOrEqualTo(last);
            last = t;
        }
    }

    @Test
    void holdsAfterAJMeterStyleRampUp() {
        // ramp 0 -> 10/s over 2 s (10 iterations), then hold 10/s for 3 s (30 more).
        var s = new ArrivalSchedule(new ExecutorSpec.RampingArrivalRate(
                0, Duration.ofSeconds(1), List.of(new Stage(Duration.ofSeconds(2), Duration.ofSeconds(5), 10)), 1, 1));
        assertThat(s.total()).isEqualTo(40);
        assertThat(s.offsetNanos(10)).isEqualTo(2_000_000_000L);
        assertThat(s.offsetNanos(20)).isEqualTo(3_000_000_000L);
    }

    @Test
    void interpolatesRampingVuTargets() {
        List<Stage> stages =
                List.of(Stage.linear(Duration.ofSeconds(10), 50), Stage.linear(Duration.ofSeconds(10), 50));
        assertThat(ClosedDriver.valueAt(0, stages, 5_000_000_000L)).isEqualTo(25);
        assertThat(ClosedDriver.valueAt(0, stages, 15_000_000_000L)).isEqualTo(50);
        assertThat(ClosedDriver.valueAt(0, stages, 25_000_000_000L)).isEqualTo(50);
    }
}
