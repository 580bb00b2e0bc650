package gale.autoscaler;

import static org.assertj.core.api.Assertions.assertThat;

import gale.autoscaler.Fakes.MutableClock;
import gale.autoscaler.ScalingDecision.Direction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The policy's share of the "load step → new task serving" time with the defaults: one CPU sample per second,
 * averaged over the default 5 s window, evaluated every second.
 */
class ReactionTimeTest {

    /** A task whose CPU is sampled once a second; readings average the samples of the window. */
    private static final class SampledTask implements MetricSource {
        private final MutableClock clock;
        private final Instant start;
        private final List<Double> samples = new ArrayList<>();

        SampledTask(MutableClock clock) {
            this.clock = clock;
            this.start = clock.instant();
        }

        void sample(double cpu) {
            samples.add(cpu);
        }

        @Override
        public List<MetricReading> readings(ScalingMetric metric, Duration window) {
            int n = (int) Math.min(window.toSeconds(), samples.size());
            double avg = samples.subList(samples.size() - n, samples.size()).stream()
                    .mapToDouble(Double::doubleValue)
                    .average()
                    .orElse(0);
            return List.of(new MetricReading("web-1", avg, Duration.between(start, clock.instant()), true));
        }
    }

    @Test
    void decidesToScaleOutWithinFourSecondsOfALoadStep() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-23T02:30:00Z"));
        SampledTask task = new SampledTask(clock);
        Fakes.Service service = new Fakes.Service(1);
        Autoscaler autoscaler = new Autoscaler(
                "web",
                AutoscalingConfig.targetTracking(1, 3, new TargetTracking(ScalingMetric.CPU, 50)),
                task,
                service,
                clock);
        for (int i = 0; i < 60; i++) { // a minute of light load, as before a test starts
            task.sample(10);
            clock.advance(Duration.ofSeconds(1));
            assertThat(autoscaler.evaluate().direction()).isNotEqualTo(Direction.OUT);
        }
        service.count = 1;

        int seconds = 0;
        ScalingDecision decision;
        do {
            task.sample(100); // the load step: the task's CPU is saturated
            clock.advance(Duration.ofSeconds(1));
            seconds++;
            decision = autoscaler.evaluate();
        } while (decision.direction() != Direction.OUT && seconds < 30);

        // (3 × 100 + 2 × 10) / 5 = 64% > 55% (50% + 10% tolerance): the third saturated second decides.
        assertThat(seconds).isLessThanOrEqualTo(4);
        assertThat(decision.desired()).isEqualTo(2);
        assertThat(decision.reason()).isEqualTo("cpu 64% > target 50%: 1 → 2 tasks (ceil(1 × 64 / 50))");
    }
}
