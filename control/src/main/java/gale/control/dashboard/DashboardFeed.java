package gale.control.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gale.control.events.Event;
import gale.control.events.EventJson;
import gale.control.events.EventLog;
import gale.monitor.alarm.Alarms;
import gale.monitor.metrics.GaleMetrics;
import gale.monitor.series.TimeSeriesStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the dashboards that are open: once a second it reads the stack (status, traffic, alarms, operations, the
 * series of the second that just ended) into one {@code snapshot} and writes it to every stream; a new stream first
 * gets a {@code history} of the last {@link #WINDOW} and the recent events. Everything but the writes runs on one
 * thread of its own, so a snapshot and a history never interleave.
 */
public final class DashboardFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DashboardFeed.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The span of the charts. */
    static final Duration WINDOW = Duration.ofMinutes(15);
    /** Control-plane events a new stream gets before the live ones. */
    static final int RECENT_EVENTS = 300;

    private final DashboardLayout layout;
    private final Supplier<ObjectNode> status;
    private final EventLog events;
    private final GaleMetrics metrics;
    private final ChartSeries charts;
    private final Alarms alarms;
    private final Clock clock;
    private final List<OperationSource> operations = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService executor;
    private final Traffic traffic = new Traffic();
    /** Touched on the executor only. */
    private final Set<SseClient> clients = new HashSet<>();
    /** The first second the next snapshot carries; the executor's. */
    private long nextSecond;

    /** Starts the feed of a stack; {@code series} holds the 1-second series of its monitoring. */
    public static DashboardFeed start(
            DashboardLayout layout,
            Supplier<ObjectNode> status,
            EventLog events,
            GaleMetrics metrics,
            TimeSeriesStore series,
            Alarms alarms,
            Clock clock) {
        ChartSeries charts = new ChartSeries(series, layout.targetGroups(), layout.services());
        return new DashboardFeed(layout, status, events, metrics, charts, alarms, clock);
    }

    private DashboardFeed(
            DashboardLayout layout,
            Supplier<ObjectNode> status,
            EventLog events,
            GaleMetrics metrics,
            ChartSeries charts,
            Alarms alarms,
            Clock clock) {
        this.layout = layout;
        this.status = status;
        this.events = events;
        this.metrics = metrics;
        this.charts = charts;
        this.alarms = alarms;
        this.clock = clock;
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gale-dashboard");
            thread.setDaemon(true);
            return thread;
        });
        this.nextSecond = currentSecond();
        // Just after each second ends, so the series of the second hold everything recorded in it.
        long delay = 1000 - clock.millis() % 1000 + 50;
        executor.scheduleAtFixedRate(this::tickSafely, delay, 1000, TimeUnit.MILLISECONDS);
    }

    /** Adds a kind of operation (faults, deployments) to the page's "Active operations". */
    public void addOperations(OperationSource source) {
        operations.add(source);
    }

    /** Starts a stream: history and recent events first, then a snapshot a second and each event as it happens. */
    void open(SseClient client) {
        executor.execute(() -> {
            if (clients.isEmpty()) {
                nextSecond = currentSecond();
            }
            ObjectNode history = JSON.createObjectNode();
            history.put("windowSeconds", WINDOW.toSeconds());
            history.set("chart", charts.range(nextSecond - WINDOW.toSeconds(), nextSecond));
            client.send("history", history.toString());
            client.send("snapshot", snapshot(charts.range(nextSecond, nextSecond)));
            long after = Math.max(0, events.lastId() - RECENT_EVENTS);
            Runnable unsubscribe = events.subscribe(after, (Event e) -> client.send("event", EventJson.toJsonText(e)));
            clients.add(client);
            client.onClose(() -> {
                unsubscribe.run();
                executor.execute(() -> clients.remove(client));
            });
        });
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            log.warn("The dashboard's snapshot failed; it runs again in a second", e);
        }
    }

    private void tick() {
        traffic.add(metrics.routeTotals());
        long now = currentSecond();
        if (clients.isEmpty()) {
            nextSecond = now;
            return;
        }
        String text = snapshot(charts.range(nextSecond, now));
        nextSecond = now;
        for (SseClient client : clients) {
            client.send("snapshot", text);
        }
    }

    private String snapshot(ObjectNode chart) {
        List<Operation> active = new ArrayList<>();
        for (OperationSource source : operations) {
            active.addAll(source.active());
        }
        return Snapshot.of(clock.millis(), layout, status.get(), traffic, alarms.statuses(), active, chart)
                .toString();
    }

    /**
     * The first second not yet complete in the series: one second behind the clock, as the monitoring thread records
     * each second's gauges during the next one.
     */
    private long currentSecond() {
        return Math.floorDiv(clock.millis(), 1000) - 1;
    }

    @Override
    public void close() {
        executor.shutdownNow();
        for (SseClient client : List.copyOf(clients)) {
            client.close();
        }
    }
}
