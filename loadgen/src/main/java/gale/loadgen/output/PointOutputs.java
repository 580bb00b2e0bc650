package gale.loadgen.output;

import gale.loadgen.metrics.LoopMetrics;
import gale.loadgen.metrics.MetricsLayout;
import gale.loadgen.metrics.SecondRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * k6's per-sample outputs ({@code --out json=FILE}, {@code --out csv=FILE}): every request, check, iteration and
 * group run as points. Loops queue copies of their samples; a writer thread turns them into points and writes
 * them, so the event loops never format or touch a file. Every sample the summary counts is written exactly once.
 */
public final class PointOutputs implements AutoCloseable {

    private static final long DRAIN_MILLIS = 200;
    private static final String[][] METRICS = {
        {"http_reqs", "counter", "default"},
        {"http_req_duration", "trend", "time"},
        {"http_req_blocked", "trend", "time"},
        {"http_req_connecting", "trend", "time"},
        {"http_req_sending", "trend", "time"},
        {"http_req_waiting", "trend", "time"},
        {"http_req_receiving", "trend", "time"},
        {"http_req_failed", "rate", "default"},
        {"data_sent", "counter", "data"},
        {"data_received", "counter", "data"},
        {"checks", "rate", "default"},
        {"iterations", "counter", "default"},
        {"iteration_duration", "trend", "time"},
        {"group_duration", "trend", "time"},
        {"dropped_iterations", "counter", "default"},
        {"vus", "gauge", "default"},
        {"vus_max", "gauge", "default"},
    };

    private final MetricsLayout layout;
    private final List<PointFile> files;
    private final List<PointRecorder> recorders = new ArrayList<>();
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("gale-load-points").unstarted(r));

    private PointOutputs(MetricsLayout layout, List<PointFile> files) {
        this.layout = layout;
        this.files = files;
    }

    /** Opens {@code json} and {@code csv} files (either may be null) and hooks a recorder to each loop. */
    public static PointOutputs open(MetricsLayout layout, List<LoopMetrics> loops, Path json, Path csv) {
        List<PointFile> files = new ArrayList<>();
        try {
            if (json != null) {
                files.add(new JsonPointFile(json));
            }
            if (csv != null) {
                files.add(new CsvPointFile(csv));
            }
            for (PointFile f : files) {
                for (String[] m : METRICS) {
                    f.declare(m[0], m[1], m[2]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + (json != null ? json : csv) + ": " + e.getMessage(), e);
        }
        PointOutputs out = new PointOutputs(layout, files);
        for (LoopMetrics m : loops) {
            PointRecorder r = new PointRecorder();
            out.recorders.add(r);
            m.sampleTo(r);
        }
        out.writer.scheduleWithFixedDelay(out::drain, DRAIN_MILLIS, DRAIN_MILLIS, TimeUnit.MILLISECONDS);
        return out;
    }

    /** The second's gauges ({@code vus}, {@code vus_max}). */
    public void gauges(SecondRow row) {
        writer.execute(() -> write(List.of(
                new Point("vus", row.epochMillis(), row.vus(), Map.of()),
                new Point("vus_max", row.epochMillis(), row.vusMax(), Map.of()))));
    }

    /** Writes what the loops queued so far and closes the files; call when the results are taken. */
    @Override
    public void close() {
        try {
            writer.submit(this::drain).get();
        } catch (Exception e) {
            throw new IllegalStateException("points: " + e.getMessage(), e);
        } finally {
            writer.shutdownNow();
            for (PointFile f : files) {
                try {
                    f.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private void drain() {
        List<Point> points = new ArrayList<>();
        for (PointRecorder r : recorders) {
            for (Sample s : r.drain()) {
                expand(s, points);
            }
        }
        write(points);
    }

    private void write(List<Point> points) {
        try {
            for (PointFile f : files) {
                for (Point p : points) {
                    f.write(p);
                }
                f.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void expand(Sample s, List<Point> out) {
        long t = s.epochMillis();
        switch (s.kind()) {
            case REQUEST -> {
                MetricsLayout.Series series = layout.requests().get(s.series());
                Map<String, String> tags = new LinkedHashMap<>(series.tags());
                tags.put("proto", s.proto());
                tags.put("status", Integer.toString(s.status()));
                tags.put("expected_response", Boolean.toString(!s.failed()));
                if (s.error() != null) {
                    tags.put("error", s.error());
                }
                out.add(new Point("http_reqs", t, 1, tags));
                out.add(new Point("http_req_duration", t, ms(s.durationNanos()), tags));
                out.add(new Point("http_req_blocked", t, ms(s.blocked()), tags));
                out.add(new Point("http_req_connecting", t, ms(s.connecting()), tags));
                out.add(new Point("http_req_sending", t, ms(s.sending()), tags));
                out.add(new Point("http_req_waiting", t, ms(s.waiting()), tags));
                out.add(new Point("http_req_receiving", t, ms(s.receiving()), tags));
                out.add(new Point("http_req_failed", t, s.failed() ? 1 : 0, tags));
                out.add(new Point("data_sent", t, s.sent(), tags));
                out.add(new Point("data_received", t, s.received(), tags));
                for (int i = 0; i < s.checkCount(); i++) {
                    Map<String, String> checkTags = new LinkedHashMap<>();
                    checkTags.put("scenario", series.tags().get("scenario"));
                    checkTags.put("name", series.tags().get("name"));
                    checkTags.put("check", series.checks().get(i));
                    out.add(new Point("checks", t, s.passed(i) ? 1 : 0, checkTags));
                }
            }
            case ITERATION -> {
                Map<String, String> tags = layout.scenarios().get(s.series()).tags();
                out.add(new Point("iterations", t, 1, tags));
                out.add(new Point("iteration_duration", t, ms(s.durationNanos()), tags));
            }
            case GROUP ->
                out.add(new Point(
                        "group_duration",
                        t,
                        ms(s.durationNanos()),
                        layout.scenarios().get(s.series()).tags()));
            case DROPPED ->
                out.add(new Point(
                        "dropped_iterations",
                        t,
                        1,
                        layout.scenarios().get(s.series()).tags()));
        }
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
