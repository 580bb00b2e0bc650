package gale.control.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gale.monitor.series.Datapoint;
import gale.monitor.series.Series;
import gale.monitor.series.SeriesKey;
import gale.monitor.series.SeriesNames;
import gale.monitor.series.TimeSeriesStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * The dashboard's chart data, read from the 1-second series the alarms and the autoscaler use: per target group,
 * requests, 4xx, 5xx, p50/p95/p99 latency and healthy targets; per service, running and desired tasks and each
 * task's CPU. {@link #range} gives columns (one array per series, aligned on {@code t}); the page appends later
 * seconds to them.
 */
final class ChartSeries {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double[] QUANTILES = {0.5, 0.95, 0.99};

    private final TimeSeriesStore store;
    private final List<String> targetGroups;
    private final List<String> services;

    ChartSeries(TimeSeriesStore store, List<String> targetGroups, List<String> services) {
        this.store = store;
        this.targetGroups = List.copyOf(targetGroups);
        this.services = List.copyOf(services);
    }

    /** The seconds {@code [from, to)} as columns: {@code {"t": [...], "groups": {...}, "services": {...}}}. */
    ObjectNode range(long from, long to) {
        int n = (int) Math.max(0, to - from);
        ObjectNode root = JSON.createObjectNode();
        ArrayNode t = root.putArray("t");
        for (long s = from; s < to; s++) {
            t.add(s);
        }
        ObjectNode groups = root.putObject("groups");
        for (String group : targetGroups) {
            ObjectNode g = groups.putObject(group);
            g.set("req", column(groupKey(Series.HTTP_REQUEST_COUNT.metric(), group), from, n, Datapoint::sum));
            g.set("e4", column(groupKey(Series.HTTP_4XX_COUNT.metric(), group), from, n, Datapoint::sum));
            g.set("e5", column(groupKey(Series.HTTP_5XX_COUNT.metric(), group), from, n, Datapoint::sum));
            latency(g, groupKey(Series.LATENCY_MS.metric(), group), from, n);
            g.set("healthy", column(groupKey(Series.HEALTHY_TARGETS.metric(), group), from, n, Datapoint::average));
        }
        ObjectNode byService = root.putObject("services");
        Map<String, ObjectNode> cpuOfService = new TreeMap<>();
        for (String service : services) {
            ObjectNode s = byService.putObject(service);
            s.set("running", column(serviceKey(Series.RUNNING_TASKS.metric(), service), from, n, Datapoint::average));
            s.set("desired", column(serviceKey(Series.DESIRED_TASKS.metric(), service), from, n, Datapoint::average));
            cpuOfService.put(service, s.putObject("cpu"));
        }
        // A task's CPU series is named by task only: its service is the id's prefix (web-1a2b3c).
        for (SeriesKey key : store.keys()) {
            String task = key.dimensions().get(SeriesNames.TASK);
            if (key.metric().equals(Series.CPU_PERCENT.metric()) && task != null) {
                ObjectNode cpu = cpuOfService.get(task.substring(0, Math.max(0, task.lastIndexOf('-'))));
                if (cpu != null) {
                    cpu.set(task, column(key, from, n, Datapoint::average));
                }
            }
        }
        return root;
    }

    private ArrayNode column(SeriesKey key, long from, int n, ToDoubleFunction<Datapoint> value) {
        Double[] values = new Double[n];
        for (Datapoint p : store.range(key, Instant.ofEpochSecond(from), Instant.ofEpochSecond(from + n))) {
            int i = (int) (p.second().getEpochSecond() - from);
            double v = value.applyAsDouble(p);
            values[i] = Double.isFinite(v) ? round(v) : null;
        }
        ArrayNode out = JSON.createArrayNode();
        for (Double v : values) {
            if (v == null) {
                out.addNull();
            } else {
                out.add(v);
            }
        }
        return out;
    }

    private void latency(ObjectNode group, SeriesKey key, long from, int n) {
        ArrayNode[] columns = {group.putArray("p50"), group.putArray("p95"), group.putArray("p99")};
        for (long s = from; s < from + n; s++) {
            double[] q =
                    store.quantiles(key, Instant.ofEpochSecond(s), QUANTILES).orElse(null);
            for (int i = 0; i < columns.length; i++) {
                if (q == null) {
                    columns[i].addNull();
                } else {
                    columns[i].add(round(q[i]));
                }
            }
        }
    }

    /** Three significant digits at most: the page draws them, and the stream stays small. */
    private static double round(double v) {
        if (v == Math.rint(v) || !Double.isFinite(v)) {
            return v;
        }
        double scale = Math.pow(10, 2 - Math.floor(Math.log10(Math.abs(v))));
        return Math.round(v * scale) / scale;
    }

    private static SeriesKey groupKey(String metric, String group) {
        return SeriesKey.of(metric, SeriesNames.TARGET_GROUP, group);
    }

    private static SeriesKey serviceKey(String metric, String service) {
        return SeriesKey.of(metric, SeriesNames.SERVICE, service);
    }
}
