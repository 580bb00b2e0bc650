package gale.control.deploy;

import gale.control.deploy.AnalysisJudge.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One deployment of a revision to a service, advanced by {@link #tick} on the owner's thread: each tick checks the
 * safety nets (circuit breaker, alarms, progress deadline), then moves the current {@link Phase} on when its
 * condition holds. Tasks of the new revision take traffic only once their targets are healthy; old ones leave the
 * balancer and drain before they are signalled (the fleet's stop sequence).
 */
final class Deployment {

    /** Told every step, with its reason. */
    interface Events {
        void publish(String type, Deployment deployment, String reason);
    }

    final long id;
    final ServiceHandle service;
    final int revision;
    final DeploymentConfig config;
    final Long rollbackOf;
    final Instant startedAt;
    final String startReason;

    private final List<Phase> phases;
    private final Clock clock;
    private final Events events;
    /** Old revisions and their counts when it started, newest first. */
    private final LinkedHashMap<Integer, Integer> oldAtStart = new LinkedHashMap<>();

    private final SafetyNet safety;
    private int phaseIndex;
    private Instant phaseStartedAt;
    private AnalysisJudge judge;
    private Instant measuredAt;
    private boolean weighted;

    private volatile DeploymentState state = DeploymentState.IN_PROGRESS;
    private volatile String endReason;
    private volatile Instant endedAt;
    private volatile boolean rollbackWanted;
    private volatile boolean promoted;

    Deployment(
            long id,
            ServiceHandle service,
            int revision,
            DeploymentConfig config,
            Long rollbackOf,
            String startReason,
            Clock clock,
            Events events) {
        this.id = id;
        this.service = service;
        this.revision = revision;
        this.config = config;
        this.rollbackOf = rollbackOf;
        this.startReason = startReason;
        this.clock = clock;
        this.events = events;
        this.phases = Phase.plan(config);
        this.startedAt = clock.instant();
        this.phaseStartedAt = startedAt;
        this.safety = new SafetyNet(config, revision, service.failedTasks(revision), startedAt);
        List<Map.Entry<Integer, Integer>> old =
                new ArrayList<>(service.revisionCounts().entrySet());
        old.sort(Map.Entry.<Integer, Integer>comparingByKey().reversed());
        for (Map.Entry<Integer, Integer> entry : old) {
            if (entry.getKey() != revision && entry.getValue() > 0) {
                oldAtStart.put(entry.getKey(), entry.getValue());
            }
        }
    }

    /** Starts: traffic weights set up for the strategy, the first phase announced. */
    void begin() {
        events.publish(
                "deployment.started",
                this,
                startReason + "; " + config.strategy().label() + " from revision(s) " + oldAtStart.keySet() + " to "
                        + revision + " (" + phases.size() + " steps)");
        service.routeTestTraffic(revision)
                .ifPresent(group -> events.publish(
                        "deployment.traffic",
                        this,
                        "test target group " + group + " (its listener) serves revision " + revision + "'s tasks"));
        if (config.strategy() == Strategy.ROLLING) {
            boolean stableReady = service.healthyTasks(revision) >= service.desiredCount() && rollbackOf != null;
            if (stableReady) {
                // A rollback to a revision still at full strength (an aborted canary) takes all traffic back at once.
                setWeight(100);
            } else {
                // Shares by task count: what an earlier deployment weighed (one superseded, say) no longer holds.
                service.setTrafficWeights(Map.of());
            }
        } else {
            setWeight(0);
        }
        announcePhase();
    }

    void tick() {
        if (state != DeploymentState.IN_PROGRESS) {
            return;
        }
        Instant now = clock.instant();
        String failure = safetyNet(now);
        if (failure != null) {
            return;
        }
        Phase phase = phases.get(phaseIndex);
        if (advance(phase, now)) {
            phaseIndex++;
            phaseStartedAt = now;
            safety.progressed(now);
            judge = null;
            if (phaseIndex == phases.size()) {
                complete(now);
            } else {
                announcePhase();
            }
        }
    }

    private boolean advance(Phase phase, Instant now) {
        int desired = service.desiredCount();
        int healthy = service.healthyTasks(revision);
        return switch (phase) {
            case Phase.Rolling r -> {
                int old = oldTotal();
                RollingMath.Counts next = RollingMath.next(config, desired, newCount(), healthy, old);
                if (next.newTasks() != newCount() || next.oldTasks() != old) {
                    setCounts(
                            next.newTasks(),
                            next.oldTasks(),
                            "rolling update to revision " + revision + ": " + next.newTasks() + " new, "
                                    + next.oldTasks() + " old (" + healthy + " new healthy)");
                }
                yield healthy >= desired && old == 0;
            }
            case Phase.Shift s -> {
                int wanted = TrafficMath.tasksFor(desired, s.percent());
                if (newCount() < wanted) {
                    setCounts(
                            wanted,
                            oldTotal(),
                            wanted + " task(s) of revision " + revision + " for " + s.percent()
                                    + "% of the desired count");
                }
                if (healthy < wanted) {
                    yield false;
                }
                setWeight(s.weight());
                yield true;
            }
            case Phase.Pause p -> p.duration() == null ? promoted : elapsed(now, p.duration());
            case Phase.Bake b -> elapsed(now, b.duration());
            case Phase.Analyze a -> analyze(a.spec(), now);
            case Phase.DrainOld d -> {
                if (oldTotal() > 0) {
                    setCounts(
                            Math.max(newCount(), desired),
                            0,
                            "old revision(s) " + oldAtStart.keySet() + " leave the balancer, drain, then stop");
                }
                boolean drained = oldAtStart.keySet().stream().allMatch(old -> service.liveTasks(old) == 0);
                if (drained) {
                    setWeight(-1);
                }
                yield drained;
            }
        };
    }

    private boolean analyze(AnalysisSpec spec, Instant now) {
        if (judge == null) {
            judge = new AnalysisJudge(spec);
            service.measure(revision, spec.latencyPercentile()); // starts the first window now
            measuredAt = now;
            return false;
        }
        if (!elapsedSince(measuredAt, now, spec.interval())) {
            return false;
        }
        measuredAt = now;
        Verdict verdict = judge.measure(service.measure(revision, spec.latencyPercentile()));
        events.publish("deployment.analysis", this, "revision " + revision + ": " + judge.last());
        if (verdict == Verdict.FAILED) {
            fail("analysis failed: " + judge.last(), true);
        }
        return verdict == Verdict.PASSED;
    }

    /** The circuit breaker, the alarms and the progress deadline; the reason when one of them tripped. */
    private String safetyNet(Instant now) {
        Phase phase = phases.get(phaseIndex);
        boolean waiting = phase instanceof Phase.Pause || phase instanceof Phase.Bake || phase instanceof Phase.Analyze;
        SafetyNet.Trip trip = safety.check(
                service.desiredCount(), service.failedTasks(revision), service.healthyTasks(revision), waiting, now);
        return trip == null ? null : fail(trip.reason(), trip.rollback());
    }

    /**
     * A named alarm went to ALARM: the next tick fails the deployment. Not a rollback's: the alarm is most often still
     * reporting the errors of the deployment being undone, and failing the rollback would leave those errors serving.
     */
    void alarmFired(String name, String reason) {
        if (state == DeploymentState.IN_PROGRESS && rollbackOf == null) {
            safety.alarmFired(name, reason);
        }
    }

    /** Ends an indefinite pause. */
    boolean promote() {
        if (state != DeploymentState.IN_PROGRESS) {
            return false;
        }
        promoted = true;
        return true;
    }

    /** Another deployment of the service took over. */
    void supersede(long byId) {
        end(DeploymentState.FAILED, "superseded by deployment " + byId, clock.instant());
    }

    private String fail(String reason, boolean rollback) {
        // A rollback that fails is not rolled back in turn: that would swing between two bad revisions.
        rollbackWanted = rollback && rollbackOf == null && previousRevision() > 0;
        end(DeploymentState.FAILED, reason, clock.instant());
        events.publish(
                "deployment.failed",
                this,
                reason + (rollbackWanted ? "; rolling back to revision " + previousRevision() : "; no rollback"));
        if (weighted && config.strategy() != Strategy.ROLLING) {
            // Argo's abort: the new revision's weight goes to 0 at once, before any of its tasks stops.
            setWeight(0);
        }
        return reason;
    }

    private void complete(Instant now) {
        setWeight(-1); // a rollback that took all the traffic back at once weighed the revisions it replaced
        end(DeploymentState.COMPLETED, "revision " + revision + " on every task", now);
        events.publish(
                "deployment.completed",
                this,
                String.format(
                        Locale.ROOT,
                        "revision %d on all %d task(s) in %.1f s",
                        revision,
                        service.desiredCount(),
                        took().toMillis() / 1e3));
    }

    private void end(DeploymentState ended, String reason, Instant now) {
        if (state != DeploymentState.IN_PROGRESS) {
            return;
        }
        endReason = reason;
        endedAt = now;
        state = ended;
        service.routeTestTraffic(0);
    }

    private void announcePhase() {
        events.publish("deployment.step", this, step());
    }

    private void setCounts(int newTasks, int oldTasks, String reason) {
        Map<Integer, Integer> counts = new HashMap<>();
        int left = oldTasks;
        // The newest old revision keeps its tasks longest: it is the one a rollback returns to.
        for (Map.Entry<Integer, Integer> old : oldAtStart.entrySet()) {
            int keep = Math.min(left, old.getValue());
            counts.put(old.getKey(), keep);
            left -= keep;
        }
        counts.put(revision, newTasks);
        service.setRevisionCounts(counts, "Deployment " + id + ": " + reason);
        events.publish("deployment.step", this, reason);
    }

    /**
     * Percent of the traffic to the new revision, the rest to the old ones in proportion to their tasks when it started
     * (one old revision, but for a deployment that superseded another); -1: no weights, each healthy task alike.
     */
    private void setWeight(int percent) {
        if (percent < 0 || oldAtStart.isEmpty()) { // with one revision there is nothing to weigh
            if (weighted) {
                service.setTrafficWeights(Map.of());
                weighted = false;
            }
            return;
        }
        Map<Integer, Integer> weights = TrafficMath.split(100 - percent, oldAtStart);
        weights.put(revision, percent);
        weighted = service.setTrafficWeights(weights);
        if (weighted) {
            Map<Integer, Integer> old = new LinkedHashMap<>(weights);
            old.remove(revision);
            events.publish(
                    "deployment.traffic",
                    this,
                    "revision " + revision + " gets " + percent + "% of the traffic"
                            + (old.isEmpty() ? "" : ", " + TrafficMath.describe(old))
                            + ", whatever their numbers of tasks");
        } else {
            events.publish(
                    "deployment.traffic",
                    this,
                    "service " + service.name() + " has no target group: no traffic to weigh");
        }
    }

    private int newCount() {
        return service.revisionCounts().getOrDefault(revision, 0);
    }

    private int oldTotal() {
        Map<Integer, Integer> counts = service.revisionCounts();
        return oldAtStart.keySet().stream()
                .mapToInt(r -> counts.getOrDefault(r, 0))
                .sum();
    }

    private boolean elapsed(Instant now, Duration duration) {
        return elapsedSince(phaseStartedAt, now, duration);
    }

    private static boolean elapsedSince(Instant since, Instant now, Duration duration) {
        return !now.isBefore(since.plus(duration));
    }

    /** The revision a rollback returns to: the newest old one, or 0 when there was none. */
    int previousRevision() {
        return oldAtStart.keySet().stream().findFirst().orElse(0);
    }

    boolean rollbackWanted() {
        return rollbackWanted;
    }

    DeploymentState state() {
        return state;
    }

    String step() {
        int shown = Math.min(phaseIndex, phases.size() - 1);
        return (shown + 1) + "/" + phases.size() + " " + Phase.describe(phases.get(shown));
    }

    double progress() {
        return state == DeploymentState.COMPLETED ? 1 : (double) phaseIndex / phases.size();
    }

    Duration took() {
        Instant end = endedAt;
        return Duration.between(startedAt, end != null ? end : clock.instant());
    }

    DeploymentSnapshot snapshot() {
        String reason = endReason == null ? startReason : startReason + "; " + endReason;
        return new DeploymentSnapshot(
                id,
                service.name(),
                revision,
                List.copyOf(oldAtStart.keySet()),
                config.strategy(),
                state,
                step(),
                progress(),
                startedAt,
                endedAt,
                took(),
                reason,
                rollbackOf);
    }
}
