package gale.monitor.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The fleet's series: tasks by state and desired count per service, restarts, each task's CPU and memory. */
final class FleetMetrics {
    /** Task states, as the API shows them; each service has a series for every state, 0 included. */
    static final List<String> TASK_STATES = List.of("PENDING", "RUNNING", "DRAINING", "STOPPED");

    private final Gauge tasks;
    private final Gauge desired;
    private final Counter restarts;
    private final Gauge cpu;
    private final Gauge memory;
    private final Map<String, Long> restartTotals = new ConcurrentHashMap<>();

    FleetMetrics(PrometheusRegistry registry) {
        tasks = Gauge.builder()
                .name("gale_fleet_tasks")
                .help("Tasks of the service in each state")
                .labelNames("service", "state")
                .register(registry);
        desired = Gauge.builder()
                .name("gale_fleet_desired_tasks")
                .help("The service's desired count")
                .labelNames("service")
                .register(registry);
        restarts = Counter.builder()
                .name("gale_fleet_task_restarts")
                .help("Tasks replaced after failing (exit, kill, failed start or failed health checks)")
                .labelNames("service")
                .register(registry);
        cpu = Gauge.builder()
                .name("gale_task_cpu_usage_ratio")
                .help("The task's CPU use over the last sample, as a fraction of its CPU limit (1 = the whole limit)")
                .unit(Unit.RATIO)
                .labelNames("service", "task")
                .register(registry);
        memory = Gauge.builder()
                .name("gale_task_memory_bytes")
                .help("Resident memory of the task's process and its descendants")
                .unit(Unit.BYTES)
                .labelNames("service", "task")
                .register(registry);
    }

    void taskCounts(String service, int desiredCount, Map<String, Integer> byState) {
        for (String state : byState.keySet()) {
            if (!TASK_STATES.contains(state)) {
                throw new IllegalArgumentException("state: " + state + " (expected: one of " + TASK_STATES + ")");
            }
        }
        desired.labelValues(service).set(desiredCount);
        for (String state : TASK_STATES) {
            tasks.labelValues(service, state).set(byState.getOrDefault(state, 0));
        }
        restartsTotal(service, 0);
    }

    /** Advances the restart counter to the fleet's running total (the counter never goes back). */
    synchronized void restartsTotal(String service, long total) {
        long before = restartTotals.getOrDefault(service, 0L);
        var counter = restarts.labelValues(service); // exists at 0 from the start, so rate() sees the first restart
        if (total > before) {
            counter.inc(total - before);
            restartTotals.put(service, total);
        }
    }

    void taskResources(String service, String task, double cpuPercent, long memoryBytes) {
        cpu.labelValues(service, task).set(cpuPercent / 100.0);
        memory.labelValues(service, task).set(memoryBytes);
    }

    void taskRemoved(String service, String task) {
        cpu.remove(service, task);
        memory.remove(service, task);
    }
}
