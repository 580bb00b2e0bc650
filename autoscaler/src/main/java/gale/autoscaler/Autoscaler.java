package gale.autoscaler;

import static java.util.Objects.requireNonNull;

import gale.autoscaler.ScalingDecision.Direction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scales one service: each {@link #evaluate()} reads the metric, asks the policies for a count, clamps it to
 * min/max, holds it back by the cooldowns and the scale-in stabilization window, sets it on the target when it
 * changes, and tells the listeners what it decided and why.
 */
public final class Autoscaler {
    private static final Logger log = LoggerFactory.getLogger(Autoscaler.class);

    private final String service;
    private final AutoscalingConfig config;
    private final MetricSource source;
    private final ScalingTarget target;
    private final Clock clock;
    private final TargetTrackingPolicy targetTracking;
    private final StepScalingPolicy stepScaling;
    private final List<ScalingListener> listeners = new CopyOnWriteArrayList<>();
    private final Deque<Stamped> recommendations = new ArrayDeque<>();
    private Instant lastScaleOut = Instant.MIN;
    private Instant lastScaling = Instant.MIN;

    private record Stamped(Instant at, int count) {}

    public Autoscaler(
            String service, AutoscalingConfig config, MetricSource source, ScalingTarget target, Clock clock) {
        this.service = requireNonNull(service, "service");
        this.config = requireNonNull(config, "config");
        this.source = requireNonNull(source, "source");
        this.target = requireNonNull(target, "target");
        this.clock = requireNonNull(clock, "clock");
        this.targetTracking =
                config.targetTracking() == null ? null : new TargetTrackingPolicy(config.targetTracking());
        this.stepScaling = config.stepScaling() == null ? null : new StepScalingPolicy(config.stepScaling());
    }

    public void addListener(ScalingListener listener) {
        listeners.add(requireNonNull(listener, "listener"));
    }

    public AutoscalingConfig config() {
        return config;
    }

    /** Runs {@link #evaluate()} every {@code evaluationInterval} on {@code executor}; cancel the future to stop. */
    public ScheduledFuture<?> schedule(ScheduledExecutorService executor) {
        long millis = config.evaluationInterval().toMillis();
        return executor.scheduleWithFixedDelay(
                () -> {
                    try {
                        evaluate();
                    } catch (RuntimeException e) {
                        log.warn(
                                "Autoscaler of service {} failed to evaluate; it tries again in {} ms",
                                service,
                                millis,
                                e);
                    }
                },
                millis,
                millis,
                TimeUnit.MILLISECONDS);
    }

    /** One evaluation; the decision is also given to every listener. */
    public synchronized ScalingDecision evaluate() {
        Instant now = clock.instant();
        int current = target.currentCount();
        ScalingDecision decision = decide(now, current);
        if (decision.changed()) {
            target.setDesired(decision.desired(), decision.reason());
            lastScaling = now;
            if (decision.direction() == Direction.OUT) {
                lastScaleOut = now;
            }
        }
        for (ScalingListener listener : listeners) {
            try {
                listener.onDecision(decision);
            } catch (RuntimeException e) {
                log.warn("Scaling listener {} failed on a decision for service {}", listener, service, e);
            }
        }
        return decision;
    }

    private ScalingDecision decide(Instant now, int current) {
        if (current < config.minCount()) {
            return decision(
                    now,
                    current,
                    config.minCount(),
                    Double.NaN,
                    current + " tasks below minCount " + config.minCount() + ": " + current + " → " + config.minCount()
                            + " tasks");
        }
        if (current > config.maxCount()) {
            return decision(
                    now,
                    current,
                    config.maxCount(),
                    Double.NaN,
                    current + " tasks above maxCount " + config.maxCount() + ": " + current + " → " + config.maxCount()
                            + " tasks");
        }
        Recommendation rec = recommend(current);
        if (!rec.present()) {
            return decision(now, current, current, rec.metricValue(), rec.reason());
        }
        int clamped = Math.clamp(rec.count(), config.minCount(), config.maxCount());
        String reason = rec.reason();
        if (clamped != rec.count()) {
            reason += clamped > rec.count()
                    ? " (raised to minCount " + config.minCount() + ")"
                    : " (capped at maxCount " + config.maxCount() + ")";
        }
        remember(now, clamped);
        if (clamped > current) {
            Duration left = remaining(lastScaleOut, config.scaleOutCooldown(), now);
            if (!left.isZero()) {
                return decision(
                        now,
                        current,
                        current,
                        rec.metricValue(),
                        "scale-out cooldown, " + seconds(left) + " left: " + current + " tasks kept (" + reason + ")");
            }
            return decision(now, current, clamped, rec.metricValue(), reason);
        }
        if (clamped < current) {
            int stabilized = highestRecommendation();
            if (stabilized >= current) {
                return decision(
                        now,
                        current,
                        current,
                        rec.metricValue(),
                        "scale-in stabilization: highest recommendation in the last "
                                + seconds(config.scaleInStabilization()) + " is " + stabilized + " tasks, " + current
                                + " kept (" + reason + ")");
            }
            Duration left = remaining(lastScaling, config.scaleInCooldown(), now);
            if (!left.isZero()) {
                return decision(
                        now,
                        current,
                        current,
                        rec.metricValue(),
                        "scale-in cooldown, " + seconds(left) + " left: " + current + " tasks kept (" + reason + ")");
            }
            if (stabilized != clamped) {
                reason += " (stabilized at " + stabilized + ", the highest recommendation in the last "
                        + seconds(config.scaleInStabilization()) + ")";
            }
            return decision(now, current, stabilized, rec.metricValue(), reason);
        }
        return decision(now, current, current, rec.metricValue(), reason);
    }

    private Recommendation recommend(int current) {
        ScalingMetric metric = targetTracking != null
                ? config.targetTracking().metric()
                : config.stepScaling().metric();
        Readings readings = Readings.split(source.readings(metric, config.metricWindow()), config.warmUp());
        if (current == 0) {
            // The formula has nothing to multiply at zero: any demand brings the first task back.
            int first = Math.max(1, config.minCount());
            return readings.anyDemand()
                    ? new Recommendation(first, Double.NaN, "demand while scaled to zero: 0 → " + first + " tasks")
                    : new Recommendation(0, Double.NaN, "scaled to zero, no demand: stays at 0 tasks");
        }
        Recommendation best = null;
        if (targetTracking != null) {
            best = targetTracking.recommend(current, readings);
        }
        if (stepScaling != null) {
            ScalingMetric stepMetric = config.stepScaling().metric();
            Readings stepReadings = stepMetric == metric
                    ? readings
                    : Readings.split(source.readings(stepMetric, config.metricWindow()), config.warmUp());
            Recommendation step = stepScaling.recommend(current, stepReadings);
            if (best == null || step.count() > best.count()) {
                best = step;
            }
        }
        return best;
    }

    private void remember(Instant now, int count) {
        recommendations.addLast(new Stamped(now, count));
        Instant horizon = now.minus(config.scaleInStabilization());
        while (!recommendations.isEmpty() && recommendations.peekFirst().at().isBefore(horizon)) {
            recommendations.removeFirst();
        }
    }

    private int highestRecommendation() {
        return recommendations.stream().mapToInt(Stamped::count).max().orElse(0);
    }

    private ScalingDecision decision(Instant now, int current, int desired, double value, String reason) {
        Direction direction = desired > current ? Direction.OUT : desired < current ? Direction.IN : Direction.NONE;
        return new ScalingDecision(service, now, current, desired, direction, value, reason);
    }

    private static Duration remaining(Instant last, Duration cooldown, Instant now) {
        if (last.equals(Instant.MIN)) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(now, last.plus(cooldown));
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static String seconds(Duration d) {
        return Numbers.format(d.toMillis() / 1000.0) + " s";
    }
}
