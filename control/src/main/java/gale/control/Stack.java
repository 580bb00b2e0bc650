package gale.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gale.balancer.Balancer;
import gale.balancer.ListenerConfig;
import gale.control.admin.AdminServer;
import gale.control.admin.StackControl;
import gale.control.admin.StackDirectory;
import gale.control.dashboard.DashboardFeed;
import gale.control.dashboard.DashboardLayout;
import gale.control.dashboard.DashboardRoutes;
import gale.control.data.DataTier;
import gale.control.database.OutageTarget;
import gale.control.deploy.DeploymentJson;
import gale.control.deploy.DeploymentOperations;
import gale.control.deploy.DeploymentSnapshot;
import gale.control.deploy.Deployments;
import gale.control.deploy.RevisionMetrics;
import gale.control.deploy.Strategy;
import gale.control.events.EventLog;
import gale.control.events.EventType;
import gale.control.fault.FaultRegistry;
import gale.control.monitoring.Monitoring;
import gale.control.stack.ServiceSpec;
import gale.control.stack.StackConfig;
import gale.control.stack.StackFile;
import gale.fleet.Fleet;
import gale.fleet.FleetConfig;
import gale.fleet.ServiceConfig;
import gale.fleet.StopMode;
import gale.fleet.TaskReasons;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running stack: the admin API, the embedded database, the balancer and the fleet, wired together in {@link #start},
 * the one place where Gale's parts meet. {@link #close} stops every task gracefully, then the balancer, the database
 * and the admin API.
 */
public final class Stack implements StackControl, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Stack.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StackConfig config;
    private final EventLog events;
    private final Balancer balancer;
    private final Fleet fleet;
    private final FaultRegistry faults;
    private final StatusJson status;
    private final DashboardFeed dashboard;
    private final StackDirectory directory;
    private final Deployments deployments;
    private final Map<String, String> taskEnv;
    private final AdminServer admin;
    private final Closer closer;
    private final DataTier data;
    private final Monitoring monitoring;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    private Stack(
            StackConfig config,
            EventLog events,
            Balancer balancer,
            Fleet fleet,
            FaultRegistry faults,
            DataTier data,
            StatusJson status,
            DashboardFeed dashboard,
            StackDirectory directory,
            Deployments deployments,
            Map<String, String> taskEnv,
            AdminServer admin,
            Monitoring monitoring,
            Closer closer) {
        this.config = config;
        this.events = events;
        this.balancer = balancer;
        this.fleet = fleet;
        this.faults = faults;
        this.status = status;
        this.dashboard = dashboard;
        this.directory = directory;
        this.deployments = deployments;
        this.taskEnv = Map.copyOf(taskEnv);
        this.admin = admin;
        this.closer = closer;
        this.data = data;
        this.monitoring = monitoring;
    }

    /**
     * Starts every part of the stack; on failure, stops what had started and throws.
     *
     * @throws IllegalStateException when a port can't be bound or a part fails to start
     */
    public static Stack start(StackConfig config, StackOptions options) {
        // Before anything starts: a key this command does not apply is an error, with its line, never ignored.
        if (!config.notAppliedByUp().isEmpty()) {
            throw config.notAppliedByUp().getFirst();
        }
        Closer closer = new Closer();
        try {
            EventLog events = new EventLog(options.clock(), EventLog.DEFAULT_CAPACITY);
            AdminServer admin = closer.add(AdminServer.bind(options.adminHost(), options.adminPort()));
            StackDirectory directory = StackDirectory.create(options.stateRoot(), admin.port());

            DataTier data = closer.add(DataTier.start(
                    config.database(),
                    config.cache(),
                    directory.databaseDirectory(),
                    directory.logDirectory(),
                    options.fresh(),
                    events));
            Map<String, String> taskEnv = data.taskEnvironment();

            Balancer balancer = closer.add(Balancer.create(BalancerMapping.of(config)));
            TaskTargets taskTargets =
                    new TaskTargets(balancer, targetGroupOfService(config), DeploymentMapping.testTargetGroups(config));
            Fleet fleet =
                    closer.add(new Fleet(new FleetConfig(directory.logDirectory(), options.clock()), taskTargets));
            EventRecorder recorder = new EventRecorder(events, EventRecorder.serviceLookup(fleet));
            fleet.addListener(taskTargets);
            fleet.addListener(recorder);
            balancer.addTargetListener(recorder);
            balancer.addTargetListener(closer.add(
                    new UnhealthyTaskReplacer(fleet, balancer, options.clock(), gracePeriodOfService(config))));
            Monitoring monitoring =
                    closer.add(Monitoring.start(config, fleet, balancer, events, admin.router(), options.clock()));
            FaultRegistry faults = closer.add(FaultRegistry.create(
                    fleet,
                    config.services().keySet(),
                    data.databaseTarget(),
                    balancer,
                    config.targetGroups().keySet(),
                    config.listeners().get(0).defaultTargetGroup(),
                    events,
                    monitoring.metrics().registry(),
                    options.clock()));
            monitoring.alarms().addListener(faults);
            RevisionMetrics revisionMetrics = new RevisionMetrics();
            fleet.addListener(revisionMetrics);
            balancer.setObserver(
                    BalancerObservers.of(events, monitoring, options.metrics()).andThen(revisionMetrics));
            config.services().forEach((name, spec) -> fleet.createService(FleetMapping.of(name, spec, taskEnv)));
            // It accepts once its observers see everything.
            balancer.open(BalancerObservers.warmupTwins(options.clock()));

            Deployments deployments = closer.add(new Deployments(
                    fleet,
                    balancer,
                    taskTargets::targetGroupOf,
                    taskTargets,
                    DeploymentMapping.of(config),
                    revisionMetrics,
                    events,
                    options.clock()));
            StatusJson status =
                    new StatusJson(fleet, balancer, config.targetGroups().keySet(), taskTargets, faults);
            DashboardFeed dashboard = closer.add(DashboardFeed.start(
                    dashboardLayout(config, balancer),
                    status::status,
                    events,
                    monitoring.metrics(),
                    monitoring.series(),
                    monitoring.alarms(),
                    options.clock()));
            dashboard.addOperations(new DeploymentOperations(deployments));
            DashboardRoutes.install(admin.router(), dashboard);
            Stack stack = new Stack(
                    config,
                    events,
                    balancer,
                    fleet,
                    faults,
                    data,
                    status,
                    dashboard,
                    directory,
                    deployments,
                    taskEnv,
                    admin,
                    monitoring,
                    closer);
            admin.open(stack, directory.token());
            directory.writeInfo(stack.info());
            events.publish(EventType.STACK_STARTED, "stack", null, stack.describe());
            return stack;
        } catch (RuntimeException e) {
            closer.close();
            throw e;
        }
    }

    private static DashboardLayout dashboardLayout(StackConfig config, Balancer balancer) {
        List<DashboardLayout.Listener> listeners = new ArrayList<>();
        for (int i = 0; i < config.listeners().size(); i++) {
            ListenerConfig spec = config.listeners().get(i);
            listeners.add(new DashboardLayout.Listener(spec.host(), balancer.port(i), spec.defaultTargetGroup()));
        }
        return new DashboardLayout(
                listeners,
                List.copyOf(config.targetGroups().keySet()),
                List.copyOf(config.services().keySet()));
    }

    private static Map<String, String> targetGroupOfService(StackConfig config) {
        Map<String, String> groups = new HashMap<>();
        config.services().forEach((name, spec) -> spec.targetGroup().ifPresent(group -> groups.put(name, group)));
        return groups;
    }

    private static Map<String, Duration> gracePeriodOfService(StackConfig config) {
        Map<String, Duration> grace = new HashMap<>();
        config.services().forEach((name, spec) -> grace.put(name, spec.healthCheckGracePeriod()));
        return grace;
    }

    /** The port listener {@code index} is bound to (the stack file may say 0). */
    public int listenerPort(int index) {
        return balancer.port(index);
    }

    public int listenerCount() {
        return config.listeners().size();
    }

    public URI listenerUrl(int index) {
        return URI.create("http://" + config.listeners().get(index).host() + ":" + listenerPort(index) + "/");
    }

    public int adminPort() {
        return admin.port();
    }

    public URI adminUrl() {
        return URI.create("http://127.0.0.1:" + adminPort() + "/");
    }

    /** How long this stack keeps its one-second series (the stack file's {@code monitoring.retention}). */
    public Duration seriesRetention() {
        return monitoring.series().retention();
    }

    public StackDirectory directory() {
        return directory;
    }

    public Fleet fleet() {
        return fleet;
    }

    public Balancer balancer() {
        return balancer;
    }

    /** The dashboard's feed: a part with operations to show (faults, deployments) adds its source here. */
    public DashboardFeed dashboard() {
        return dashboard;
    }

    @Override
    public FaultRegistry faults() {
        return faults;
    }

    @Override
    public EventLog events() {
        return events;
    }

    @Override
    public ObjectNode status() {
        ObjectNode node = status.status();
        node.set("deployments", DeploymentJson.toJson(deployments.inProgress()));
        node.set("data", data.status());
        return node;
    }

    /** The database a {@code database-outage} fault acts on: embedded or managed; none when given by URL. */
    public Optional<OutageTarget> databaseTarget() {
        return data.databaseTarget();
    }

    @Override
    public Deployments deployments() {
        return deployments;
    }

    @Override
    public List<DeploymentSnapshot> deployStackFile(String file, String text, Optional<Strategy> strategy) {
        return StackRedeploy.apply(StackFile.parse(file, text), taskEnv, fleet, deployments, strategy, file);
    }

    @Override
    public void scale(String service, int desiredCount) {
        ServiceSpec spec = config.services().get(service);
        if (spec == null) {
            throw new NoSuchElementException(
                    "no service " + service + " (services: " + config.services().keySet() + ")");
        }
        ServiceConfig.checkDesiredCount(desiredCount);
        fleet.scale(service, desiredCount, TaskReasons.SCALING);
        events.publish(EventType.SERVICE_SCALED, service, service, "Desired count set to " + desiredCount + " by user");
    }

    @Override
    public CompletableFuture<Void> stopTask(String taskId, boolean kill) {
        if (fleet.task(taskId).isEmpty()) {
            throw new NoSuchElementException("no task " + taskId);
        }
        return fleet.stopTask(taskId, kill ? StopMode.KILL : StopMode.GRACEFUL, TaskReasons.STOPPED_BY_USER);
    }

    @Override
    public void shutdownAsync(String reason) {
        Thread.ofPlatform().name("gale-shutdown").start(() -> close(reason));
    }

    /** Completes once the stack has stopped, whoever stopped it. */
    public CompletableFuture<Void> closed() {
        return closed;
    }

    @Override
    public void close() {
        close("Stack stopped");
    }

    private void close(String reason) {
        if (!closing.compareAndSet(false, true)) {
            closed.join();
            return;
        }
        try {
            events.publish(EventType.STACK_STOPPING, "stack", null, reason);
            // Newest first: the fleet (tasks drain and stop), the balancer, the database, then the admin API.
            closer.close();
            directory.forgetRunningStack();
        } catch (RuntimeException e) {
            log.warn("Stopping the stack failed", e);
        } finally {
            closed.complete(null);
        }
    }

    /** One line per listener, as {@code gale up} prints it. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < listenerCount(); i++) {
            parts.add("listener " + listenerUrl(i) + " -> "
                    + config.listeners().get(i).defaultTargetGroup());
        }
        parts.add("admin " + adminUrl());
        return String.join(", ", parts);
    }

    private ObjectNode info() {
        ObjectNode info = JSON.createObjectNode();
        info.put("pid", ProcessHandle.current().pid());
        info.put("adminPort", adminPort());
        info.put("adminUrl", adminUrl().toString());
        ArrayNode listeners = info.putArray("listeners");
        for (int i = 0; i < listenerCount(); i++) {
            listeners.add(listenerUrl(i).toString());
        }
        Map<String, Integer> services = new LinkedHashMap<>();
        config.services().forEach((name, spec) -> services.put(name, spec.desiredCount()));
        info.set("services", JSON.valueToTree(services));
        info.put("logs", directory.logDirectory().toString());
        return info;
    }
}
