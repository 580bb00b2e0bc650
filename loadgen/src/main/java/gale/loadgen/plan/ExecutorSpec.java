package gale.loadgen.plan;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** How a scenario schedules its iterations: k6's seven executors, with k6's option names. */
public sealed interface ExecutorSpec {

    /** k6's executor name, e.g. {@code ramping-vus}. */
    String type();

    /** How long the executor runs before its graceful stop, at most. */
    Duration length();

    /** The most VUs it may ever hold. */
    int maxVus();

    /** True for arrival-rate executors: iterations start on a clock, not when a VU is free (open model). */
    default boolean openModel() {
        return false;
    }

    /** The stages the summary reports one row each for; empty when the executor has none. */
    default List<Stage> stages() {
        return List.of();
    }

    record ConstantVus(int vus, Duration duration) implements ExecutorSpec {
        public ConstantVus {
            positive("vus", vus);
            positive("duration", duration);
        }

        @Override
        public String type() {
            return "constant-vus";
        }

        @Override
        public Duration length() {
            return duration;
        }

        @Override
        public int maxVus() {
            return vus;
        }
    }

    record RampingVus(int startVUs, List<Stage> stages) implements ExecutorSpec {
        public RampingVus {
            if (startVUs < 0) {
                throw PlanException.field("startVUs", startVUs, ">= 0");
            }
            stages = nonEmpty(stages);
        }

        @Override
        public String type() {
            return "ramping-vus";
        }

        @Override
        public Duration length() {
            return total(stages);
        }

        @Override
        public int maxVus() {
            return (int) Math.max(
                    startVUs, stages.stream().mapToLong(Stage::target).max().orElse(0));
        }
    }

    record ConstantArrivalRate(long rate, Duration timeUnit, Duration duration, int preAllocatedVUs, int maxVUs)
            implements ExecutorSpec {
        public ConstantArrivalRate {
            positive("rate", rate);
            positive("timeUnit", timeUnit);
            positive("duration", duration);
            vuBounds(preAllocatedVUs, maxVUs);
        }

        @Override
        public String type() {
            return "constant-arrival-rate";
        }

        @Override
        public Duration length() {
            return duration;
        }

        @Override
        public int maxVus() {
            return maxVUs;
        }

        @Override
        public boolean openModel() {
            return true;
        }
    }

    record RampingArrivalRate(long startRate, Duration timeUnit, List<Stage> stages, int preAllocatedVUs, int maxVUs)
            implements ExecutorSpec {
        public RampingArrivalRate {
            if (startRate < 0) {
                throw PlanException.field("startRate", startRate, ">= 0");
            }
            positive("timeUnit", timeUnit);
            stages = nonEmpty(stages);
            vuBounds(preAllocatedVUs, maxVUs);
        }

        @Override
        public String type() {
            return "ramping-arrival-rate";
        }

        @Override
        public Duration length() {
            return total(stages);
        }

        @Override
        public int maxVus() {
            return maxVUs;
        }

        @Override
        public boolean openModel() {
            return true;
        }
    }

    record PerVuIterations(int vus, long iterations, Duration maxDuration) implements ExecutorSpec {
        public PerVuIterations {
            positive("vus", vus);
            positive("iterations", iterations);
            positive("maxDuration", maxDuration);
        }

        @Override
        public String type() {
            return "per-vu-iterations";
        }

        @Override
        public Duration length() {
            return maxDuration;
        }

        @Override
        public int maxVus() {
            return vus;
        }
    }

    record SharedIterations(int vus, long iterations, Duration maxDuration) implements ExecutorSpec {
        public SharedIterations {
            positive("vus", vus);
            positive("iterations", iterations);
            positive("maxDuration", maxDuration);
            if (vus > iterations) {
                throw PlanException.field("vus", vus, "<= iterations (" + iterations + ")");
            }
        }

        @Override
        public String type() {
            return "shared-iterations";
        }

        @Override
        public Duration length() {
            return maxDuration;
        }

        @Override
        public int maxVus() {
            return vus;
        }
    }

    /**
     * k6's externally-controlled: {@code vus} run from the start and are changed (up to {@code maxVUs}), paused and
     * resumed through {@code gale load}'s API while the test runs; a {@code duration} of 0 runs until stopped.
     */
    record ExternallyControlled(int vus, int maxVUs, Duration duration) implements ExecutorSpec {

        /** How long a duration of 0 runs: far past any test, which the API or Ctrl-C ends first. */
        public static final Duration UNTIL_STOPPED = Duration.ofDays(365);

        public ExternallyControlled {
            if (vus < 0) {
                throw PlanException.field("vus", vus, ">= 0");
            }
            positive("maxVUs", maxVUs);
            if (vus > maxVUs) {
                throw PlanException.field("vus", vus, "<= maxVUs (" + maxVUs + ")");
            }
            Objects.requireNonNull(duration, "duration");
            if (duration.isNegative()) {
                throw PlanException.field("duration", Durations.format(duration), ">= 0s (0: until stopped)");
            }
        }

        @Override
        public String type() {
            return "externally-controlled";
        }

        @Override
        public Duration length() {
            return duration.isZero() ? UNTIL_STOPPED : duration;
        }

        @Override
        public int maxVus() {
            return maxVUs;
        }
    }

    private static void positive(String field, long value) {
        if (value <= 0) {
            throw PlanException.field(field, value, "> 0");
        }
    }

    private static void positive(String field, Duration value) {
        Objects.requireNonNull(value, field);
        if (value.isNegative() || value.isZero()) {
            throw PlanException.field(field, Durations.format(value), "> 0s");
        }
    }

    private static void vuBounds(int preAllocated, int max) {
        positive("preAllocatedVUs", preAllocated);
        if (max < preAllocated) {
            throw PlanException.field("maxVUs", max, ">= preAllocatedVUs (" + preAllocated + ")");
        }
    }

    private static List<Stage> nonEmpty(List<Stage> stages) {
        if (stages == null || stages.isEmpty()) {
            throw PlanException.field("stages", "[]", "at least one stage");
        }
        return List.copyOf(stages);
    }

    private static Duration total(List<Stage> stages) {
        return stages.stream().map(Stage::duration).reduce(Duration.ZERO, Duration::plus);
    }
}
