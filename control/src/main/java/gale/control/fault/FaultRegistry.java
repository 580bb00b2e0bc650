package gale.control.fault;

import static java.util.Objects.requireNonNull;

import gale.balancer.Balancer;
import gale.control.database.OutageTarget;
import gale.control.events.EventLog;
import gale.control.events.EventType;
import gale.control.fault.FaultAction.Applied;
import gale.fleet.Fleet;
import gale.monitor.alarm.AlarmListener;
import gale.monitor.alarm.AlarmState;
import gale.monitor.alarm.AlarmStateChange;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stack's faults: injects them through their {@link FaultAction}, ends each at the end of its duration, when
 * cleared, when one of its stop alarms goes to ALARM, or when the stack stops ({@link #close}). Every start and end is
 * an event with its reason and is counted on {@code /metrics}. What happens when Gale dies is each action's own: every
 * one reverts without Gale (docs/faults.md).
 */
public final class FaultRegistry implements AlarmListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FaultRegistry.class);
    /** Ended faults kept for {@code gale fault list}, newest last. */
    private static final int ENDED_KEPT = 50;

    private final Map<FaultKind.Scope, FaultAction> actions;
    private final EventLog events;
    private final FaultMetrics metrics;
    private final Clock clock;
    private final RandomGenerator random;
    private final ScheduledExecutorService timer;
    private final Map<String, Running> active = new LinkedHashMap<>();
    private final ArrayDeque<Fault> ended = new ArrayDeque<>();
    private boolean closed;

    private record Running(Fault fault, Runnable revert, ScheduledFuture<?> end) {}

    /**
     * The registry of a stack: task faults through its fleet, {@code database-outage} on its database if Gale runs one,
     * traffic faults in its balancer ({@code defaultTargetGroup} for those that name no group).
     */
    public static FaultRegistry create(
            Fleet fleet,
            Set<String> services,
            Optional<OutageTarget> database,
            Balancer balancer,
            Set<String> targetGroups,
            String defaultTargetGroup,
            EventLog events,
            PrometheusRegistry registry,
            Clock clock) {
        RandomGenerator random = RandomGenerator.getDefault();
        Map<FaultKind.Scope, FaultAction> actions = new EnumMap<>(FaultKind.Scope.class);
        actions.put(FaultKind.Scope.TASKS, new TaskFaultAction(fleet, services, random));
        actions.put(FaultKind.Scope.DATABASE, new DatabaseOutageAction(database));
        actions.put(FaultKind.Scope.TRAFFIC, new TrafficFaultAction(balancer, targetGroups, defaultTargetGroup));
        return new FaultRegistry(actions, events, registry, clock, random);
    }

    FaultRegistry(
            Map<FaultKind.Scope, FaultAction> actions,
            EventLog events,
            PrometheusRegistry registry,
            Clock clock,
            RandomGenerator random) {
        this.actions = Map.copyOf(actions);
        this.events = requireNonNull(events, "events");
        this.metrics = new FaultMetrics(registry);
        this.clock = requireNonNull(clock, "clock");
        this.random = requireNonNull(random, "random");
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gale-faults");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Puts a fault in place and schedules its end.
     *
     * @throws IllegalArgumentException when the spec names what the stack does not have
     * @throws IllegalStateException when it can't be applied here, or the stack is stopping
     */
    public synchronized Fault inject(FaultSpec spec) {
        requireNonNull(spec, "spec");
        if (closed) {
            throw new IllegalStateException("the stack is stopping: no new fault");
        }
        FaultAction action = actions.get(spec.kind().scope());
        if (action == null) {
            throw new IllegalStateException(spec.kind().label() + " is not available in this stack yet");
        }
        String id = newId();
        Applied applied = action.apply(id, spec);
        Instant now = clock.instant();
        Fault fault = new Fault(
                id, spec, applied.affected(), now, now.plus(spec.duration()), Optional.empty(), Optional.empty());
        metrics.started(spec.kind());
        events.publish(EventType.FAULT_STARTED, id, spec.selection().service(), fault.describe() + started(spec));
        if (!spec.kind().lasts()) {
            remember(fault.ended(now, "done"));
            metrics.ended(spec.kind(), "done");
            events.publish(EventType.FAULT_ENDED, id, spec.selection().service(), "Done: " + fault.describe());
            return fault;
        }
        ScheduledFuture<?> end = timer.schedule(
                () -> end(id, "duration", "Its duration of " + spec.duration().toMillis() / 1000.0 + "s elapsed"),
                spec.duration().toNanos(),
                TimeUnit.NANOSECONDS);
        active.put(id, new Running(fault, applied.revert(), end));
        return fault;
    }

    private static String started(FaultSpec spec) {
        return spec.stopOn().isEmpty() ? "" : "; ends early on alarm " + String.join(", ", spec.stopOn());
    }

    /** Active faults first, then the newest ended ones. */
    public synchronized List<Fault> list() {
        List<Fault> all = new ArrayList<>();
        active.values().forEach(running -> all.add(running.fault()));
        all.addAll(ended.reversed());
        return all;
    }

    public synchronized List<Fault> activeFaults() {
        return active.values().stream().map(Running::fault).toList();
    }

    public synchronized Optional<Fault> get(String id) {
        return list().stream().filter(fault -> fault.id().equals(id)).findFirst();
    }

    /**
     * Ends one active fault now.
     *
     * @throws NoSuchElementException when no active fault has that id
     */
    public Fault clear(String id) {
        if (!isActive(id)) {
            throw new NoSuchElementException("no active fault " + id);
        }
        return end(id, "cleared", "Cleared by user")
                .orElseThrow(() -> new NoSuchElementException("no active fault " + id));
    }

    /** Ends every active fault now; returns them, ended. */
    public List<Fault> clearAll() {
        return endAll("cleared", "Cleared by user");
    }

    private synchronized boolean isActive(String id) {
        return active.containsKey(id);
    }

    private List<Fault> endAll(String cause, String reason) {
        List<String> ids;
        synchronized (this) {
            ids = List.copyOf(active.keySet());
        }
        List<Fault> done = new ArrayList<>();
        ids.forEach(id -> end(id, cause, reason).ifPresent(done::add));
        return done;
    }

    /** Reverts a fault once, whoever asks first (its timer, a user, an alarm, the stack stopping). */
    private Optional<Fault> end(String id, String cause, String reason) {
        Running running;
        synchronized (this) {
            running = active.remove(id);
        }
        if (running == null) {
            return Optional.empty();
        }
        running.end().cancel(false);
        String outcome = reason;
        try {
            running.revert().run();
        } catch (RuntimeException e) {
            log.warn("Reverting fault {} failed", id, e);
            outcome = reason + "; reverting failed: " + e.getMessage();
        }
        Fault fault = running.fault().ended(clock.instant(), outcome);
        synchronized (this) {
            remember(fault);
        }
        metrics.ended(fault.spec().kind(), cause);
        events.publish(
                EventType.FAULT_ENDED, id, fault.spec().selection().service(), outcome + ": " + fault.describe());
        return Optional.of(fault);
    }

    private void remember(Fault fault) {
        ended.addLast(fault);
        if (ended.size() > ENDED_KEPT) {
            ended.removeFirst();
        }
    }

    /** A stop condition: an alarm in ALARM ends every fault that names it (or {@code *}). */
    @Override
    public void onStateChange(AlarmStateChange change) {
        if (change.state() != AlarmState.ALARM) {
            return;
        }
        String alarm = change.alarm().name();
        List<String> ids;
        synchronized (this) {
            ids = active.values().stream()
                    .filter(running -> running.fault().spec().stopsOn(alarm))
                    .map(running -> running.fault().id())
                    .toList();
        }
        // Off the alarm's thread: a revert may take a moment (a guard process to exit, a server to restart).
        ids.forEach(id -> timer.execute(() -> end(id, "alarm", "Stopped early: alarm " + alarm + " is in ALARM")));
    }

    private String newId() {
        byte[] bytes = new byte[3];
        random.nextBytes(bytes);
        return "fault-" + HexFormat.of().formatHex(bytes);
    }

    /** Ends every active fault (the stack is stopping), then stops the timer. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        endAll("shutdown", "The stack is stopping");
        timer.shutdownNow();
    }
}
