package gale.control.deploy;

import static java.util.Objects.requireNonNull;

import gale.balancer.Balancer;
import gale.control.events.EventLog;
import gale.fleet.Fleet;
import gale.fleet.ServiceConfig;
import gale.fleet.TaskTemplate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every deployment of the stack: starts them, advances the running ones on one thread ({@code gale-deploy}), rolls back
 * those that fail, and keeps the history. One deployment per service at a time: a newer one supersedes it.
 */
public final class Deployments implements AutoCloseable {

    static final Duration TICK = Duration.ofMillis(200);
    private static final int HISTORY = 200;
    private static final Logger log = LoggerFactory.getLogger(Deployments.class);

    private final Fleet fleet;
    private final Function<String, ServiceHandle> handles;
    private final Map<String, DeploymentConfig> configs;
    private final EventLog events;
    private final Clock clock;
    private final ScheduledExecutorService loop;
    private final Map<Long, Deployment> all = new LinkedHashMap<>();
    private final Map<String, Deployment> active = new HashMap<>();
    private final Runnable unsubscribe;
    private long nextId = 1;

    public Deployments(
            Fleet fleet,
            Balancer balancer,
            Function<String, Optional<String>> targetGroupOfService,
            TestRoutes testRoutes,
            Map<String, DeploymentConfig> configs,
            RevisionMetrics metrics,
            EventLog events,
            Clock clock) {
        this.fleet = requireNonNull(fleet, "fleet");
        this.configs = Map.copyOf(configs);
        this.events = requireNonNull(events, "events");
        this.clock = requireNonNull(clock, "clock");
        requireNonNull(testRoutes, "testRoutes");
        this.handles = service -> new FleetServiceHandle(
                service, fleet, balancer, targetGroupOfService.apply(service), testRoutes, metrics);
        this.loop = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gale-deploy");
            thread.setDaemon(true);
            return thread;
        });
        loop.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
        this.unsubscribe = events.subscribe(events.lastId(), event -> {
            if (event.type().equals("alarm.alarm") && !loop.isShutdown()) {
                loop.execute(() -> active.values().forEach(d -> d.alarmFired(event.subject(), event.reason())));
            }
        });
    }

    /** The pool of its target group a task of that revision joins: traffic weights are set per pool. */
    public static String pool(int revision) {
        return "revision-" + revision;
    }

    /** Every deployment in progress, by service; none once closed (status is still read while a stack stops). */
    public List<DeploymentSnapshot> inProgress() {
        try {
            return call(() -> active.values().stream()
                    .map(Deployment::snapshot)
                    .sorted(java.util.Comparator.comparing(DeploymentSnapshot::service))
                    .toList());
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            return List.of();
        }
    }

    /** The service's deployment in progress. */
    public Optional<DeploymentSnapshot> active(String service) {
        return call(() -> Optional.ofNullable(active.get(service)).map(Deployment::snapshot));
    }

    /**
     * Registers the new revision and starts deploying it.
     *
     * @throws NoSuchElementException for an unknown service
     * @throws IllegalArgumentException for a bad definition
     */
    public DeploymentSnapshot deploy(DeployRequest request) {
        requireNonNull(request, "request");
        ServiceConfig current = handle(request.service()).snapshot().config();
        ServiceConfig definition = request.definition().orElseGet(() -> changed(current, request));
        int revision = fleet.registerRevision(request.service(), definition);
        DeploymentConfig config = configOf(request.service());
        DeploymentConfig chosen = request.strategy().map(config::withStrategy).orElse(config);
        return call(() -> start(request.service(), revision, chosen, null, request.reason()));
    }

    /**
     * Rolls a service back: to {@code toRevision}, or to the revision its running (or last completed) deployment
     * replaced. A rollback is a rolling deployment.
     *
     * @throws NoSuchElementException for an unknown service
     * @throws IllegalArgumentException when there is nothing to roll back to
     */
    public DeploymentSnapshot rollback(String service, Optional<Integer> toRevision, String reason) {
        ServiceHandle handle = handle(service);
        return call(() -> {
            Deployment last = latest(service);
            int target = toRevision.orElseGet(() -> last == null ? 0 : last.previousRevision());
            if (target <= 0 || !handle.revisionCounts().containsKey(target)) {
                throw new IllegalArgumentException("revision: " + (target <= 0 ? "none" : target)
                        + " (expected: one of " + handle.revisionCounts().keySet() + ", and a deployment to undo)");
            }
            DeploymentConfig config = configOf(service).withStrategy(Strategy.ROLLING);
            return start(service, target, config, last == null ? null : last.id, reason);
        });
    }

    /** Ends the indefinite pause of the service's running deployment. */
    public DeploymentSnapshot promote(String service) {
        handle(service);
        return call(() -> {
            Deployment running = active.get(service);
            if (running == null || !running.promote()) {
                throw new IllegalArgumentException("service: " + service + " (expected: a deployment in progress)");
            }
            events.publish("deployment.promoted", "deployment-" + running.id, service, "Promoted by user");
            return running.snapshot();
        });
    }

    /** Newest first; every service's when {@code service} is empty. */
    public List<DeploymentSnapshot> history(Optional<String> service) {
        return call(() -> {
            List<DeploymentSnapshot> out = new ArrayList<>();
            for (Deployment d : all.values()) {
                if (service.isEmpty() || service.get().equals(d.service.name())) {
                    out.addFirst(d.snapshot());
                }
            }
            return out;
        });
    }

    public Optional<DeploymentSnapshot> find(long id) {
        return call(() -> Optional.ofNullable(all.get(id)).map(Deployment::snapshot));
    }

    private DeploymentSnapshot start(
            String service, int revision, DeploymentConfig config, Long rollbackOf, String reason) {
        Deployment previous = active.remove(service);
        long id = nextId++;
        if (previous != null) {
            previous.supersede(id);
            events.publish("deployment.failed", "deployment-" + previous.id, service, "Superseded by deployment " + id);
        }
        Deployment deployment =
                new Deployment(id, handle(service), revision, config, rollbackOf, reason, clock, this::publish);
        all.put(id, deployment);
        while (all.size() > HISTORY) {
            all.remove(all.keySet().iterator().next());
        }
        active.put(service, deployment);
        deployment.begin();
        return deployment.snapshot();
    }

    private void tick() {
        for (Deployment deployment : List.copyOf(active.values())) {
            // A failure must not end the periodic task: every deployment is retried on the next tick.
            try {
                step(deployment);
            } catch (RuntimeException e) {
                log.warn("Deployment {} of {}: step failed, trying again", deployment.id, deployment.service.name(), e);
            }
        }
    }

    private void step(Deployment deployment) {
        deployment.tick();
        if (deployment.state() == DeploymentState.IN_PROGRESS) {
            return;
        }
        active.remove(deployment.service.name(), deployment);
        if (deployment.rollbackWanted()) {
            String reason = "Rollback of deployment " + deployment.id + ": "
                    + deployment.snapshot().reason();
            start(
                    deployment.service.name(),
                    deployment.previousRevision(),
                    deployment.config.withStrategy(Strategy.ROLLING),
                    deployment.id,
                    reason);
        }
    }

    private void publish(String type, Deployment deployment, String reason) {
        String text = "Deployment " + deployment.id + " (revision " + deployment.revision + ", "
                + deployment.config.strategy().label() + "): " + reason;
        events.publish(type, "deployment-" + deployment.id, deployment.service.name(), text);
        log.info("{}", text);
    }

    /** The running deployment, or else the last one that completed: what a rollback undoes. */
    private Deployment latest(String service) {
        Deployment running = active.get(service);
        if (running != null) {
            return running;
        }
        Deployment latest = null;
        for (Deployment d : all.values()) {
            if (d.service.name().equals(service) && d.state() == DeploymentState.COMPLETED) {
                latest = d;
            }
        }
        return latest;
    }

    private DeploymentConfig configOf(String service) {
        return configs.getOrDefault(service, DeploymentConfig.DEFAULTS);
    }

    private FleetServiceHandle handle(String service) {
        if (fleet.services().stream().noneMatch(s -> s.name().equals(service))) {
            throw new NoSuchElementException("no service " + service);
        }
        return (FleetServiceHandle) handles.apply(service);
    }

    private static ServiceConfig changed(ServiceConfig current, DeployRequest request) {
        TaskTemplate template = current.template();
        Map<String, String> env = new HashMap<>(template.env());
        env.putAll(request.env());
        List<String> command = request.command().isEmpty() ? template.command() : request.command();
        return new ServiceConfig(
                current.name(),
                new TaskTemplate(command, env, template.workingDirectory()),
                0,
                current.stopTimeout(),
                current.startTimeout(),
                current.cpuLimit(),
                current.memoryLimitBytes());
    }

    /** Runs on the deployment thread and waits for it. */
    private <T> T call(Callable<T> action) {
        try {
            return loop.submit(action).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        unsubscribe.run();
        loop.shutdownNow();
    }
}
