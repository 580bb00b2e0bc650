package gale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gale.loadgen.LoadOutput;
import gale.loadgen.LoadResult;
import gale.loadgen.LoadRun;
import gale.loadgen.http.ClientExchange;
import gale.loadgen.metrics.SampleListener;
import gale.loadgen.plan.LoadPlan;
import gale.loadgen.plan.PlanParser;
import gale.loadgen.segment.ExecutionTuple;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four workers run a plan's four execution segments side by side against one nginx; {@code gale load merge} adds
 * their exports. The merge must equal one machine's run where the plan fixes the work (iteration counts, arrivals),
 * its p99 must be the p99 of every raw sample the workers recorded, and thresholds on it decide the exit code.
 */
class SplitLoadTest {

    private static final int WORKERS = 4;
    private static final String SEQUENCE = "0,1/4,2/4,3/4,1";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static JsonNode single;
    private static JsonNode merged;
    private static final Queue<Long> raw = new ConcurrentLinkedQueue<>();
    private static final List<JsonNode> workers = new ArrayList<>();
    private static CliRun passing;
    private static CliRun failing;

    @BeforeAll
    static void runSingleAndSplit() throws Exception {
        try (Nginx nginx = new Nginx(dir.resolve("nginx"))) {
            LoadPlan plan = new PlanParser().parse("""
                    requests: ["%s"]
                    options: { threads: 1 }
                    scenarios:
                      shared:
                        executor: shared-iterations
                        vus: 6
                        iterations: 1001
                        maxDuration: 60s
                      pervu:
                        executor: per-vu-iterations
                        vus: 7
                        iterations: 53
                        maxDuration: 60s
                      arrivals:
                        executor: constant-arrival-rate
                        rate: 150
                        timeUnit: 1s
                        duration: 2s
                        preAllocatedVUs: 5
                        maxVUs: 30
                    thresholds:
                      http_req_failed: ["rate<0.01"]
                    """.formatted(nginx.url()));
            Path one = dir.resolve("single.json");
            LoadRun.start(plan, quiet().withSummaryExport(one), ExecutionTuple.FULL)
                    .await();
            single = JSON.readTree(one.toFile());

            List<CompletableFuture<LoadResult>> running = new ArrayList<>();
            List<String> files = new ArrayList<>();
            for (int i = 0; i < WORKERS; i++) {
                Path file = dir.resolve("worker-" + i + ".json");
                files.add(file.toString());
                LoadRun run = LoadRun.start(
                        plan,
                        quiet().withSummaryExport(file),
                        ExecutionTuple.of(i + "/4:" + (i + 1) + "/4", SEQUENCE),
                        new RawDurations());
                running.add(CompletableFuture.supplyAsync(run::await));
            }
            running.forEach(CompletableFuture::join);
            for (String f : files) {
                workers.add(JSON.readTree(Path.of(f).toFile()));
            }
            Path out = dir.resolve("merged.json");
            List<String> args = new ArrayList<>(List.of("load", "merge"));
            args.addAll(files);
            args.addAll(List.of(
                    "--summary-export",
                    out.toString(),
                    "--report",
                    dir.resolve("merged.html").toString(),
                    "--threshold",
                    "iterations{scenario:shared}: count==1001"));
            passing = CliRun.of(args.toArray(String[]::new));
            merged = JSON.readTree(out.toFile());
            List<String> strict = new ArrayList<>(List.of("load", "merge"));
            strict.addAll(files);
            strict.addAll(List.of("--threshold", "http_req_duration: p(99)<0.001"));
            failing = CliRun.of(strict.toArray(String[]::new));
        }
    }

    @Test
    void iterationCountExecutorsMergeToExactlyOneRunsCounts() {
        for (String scenario : List.of("shared", "pervu")) {
            long one = iterations(single, scenario);
            long sum = workers.stream().mapToLong(w -> iterations(w, scenario)).sum();
            assertThat(one).isEqualTo(scenario.equals("shared") ? 1001 : 7 * 53);
            assertThat(sum).as(scenario).isEqualTo(one);
            assertThat(iterations(merged, scenario)).as(scenario).isEqualTo(one);
        }
        // Arrivals: every due iteration is started or dropped, in one run or split (300 = 150/s for 2 s).
        assertThat(iterations(merged, "arrivals") + dropped(merged, "arrivals")).isEqualTo(300);
        assertThat(iterations(single, "arrivals") + dropped(single, "arrivals")).isEqualTo(300);
        assertThat(merged.at("/metrics/http_reqs/count").asLong())
                .isEqualTo(workers.stream()
                        .mapToLong(w -> w.at("/metrics/http_reqs/count").asLong())
                        .sum());
        // Each worker did a part of the work, not all of it.
        assertThat(workers).allSatisfy(w -> assertThat(iterations(w, "shared")).isBetween(250L, 251L));
    }

    @Test
    void mergedP99IsThePercentileOfEveryRawSample() {
        Histogram all = new Histogram(3);
        all.setAutoResize(true);
        long[] sorted = raw.stream().mapToLong(Long::longValue).sorted().toArray();
        for (long v : sorted) {
            all.recordValue(v);
        }
        assertThat(merged.at("/metrics/http_reqs/count").asLong()).isEqualTo(sorted.length);
        double p99 = merged.at("/metrics/http_req_duration/p(99)").asDouble();
        assertThat(p99).isEqualTo(all.getValueAtPercentile(99) / 1000.0);
        // The exact sample at the 99th percentile, at the histogram's 3-digit resolution.
        long exact = sorted[(int) Math.ceil(0.99 * sorted.length) - 1];
        assertThat(p99).isEqualTo(all.highestEquivalentValue(exact) / 1000.0);
        // Not what averaging the workers' p99 would give, unless every worker agrees.
        assertThat(merged.at("/metrics/http_req_duration/max").asDouble())
                .isEqualTo(workers.stream()
                        .mapToDouble(w -> w.at("/metrics/http_req_duration/max").asDouble())
                        .max()
                        .orElseThrow());
    }

    @Test
    void thresholdsOnTheMergedResultsSetTheExitCode() {
        assertThat(passing.exitCode()).as(passing.out() + passing.err()).isZero();
        assertThat(passing.out()).contains("iterations{scenario:shared}").contains("✓ 'count==1001'");
        assertThat(merged.at("/metrics/http_req_failed/thresholds/rate<0.01").asBoolean())
                .isFalse();
        assertThat(failing.exitCode()).isEqualTo(99);
        assertThat(failing.out()).contains("✗ 'p(99)<0.001'");
        assertThat(Files.exists(dir.resolve("merged.html"))).isTrue();
    }

    @Test
    void refusesAnIncompleteSetOfWorkers() {
        CliRun missing = CliRun.of(
                "load",
                "merge",
                dir.resolve("worker-0.json").toString(),
                dir.resolve("worker-2.json").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("cover 0:1 once");
    }

    private static long iterations(JsonNode export, String scenario) {
        return scenarioCounter(export, scenario, 0);
    }

    private static long dropped(JsonNode export, String scenario) {
        return scenarioCounter(export, scenario, 1);
    }

    private static long scenarioCounter(JsonNode export, String scenario, int which) {
        for (JsonNode s : export.at("/gale/results/scenarios")) {
            if (s.at("/tags/scenario").asText().equals(scenario)) {
                return s.at("/counters/" + which).asLong();
            }
        }
        throw new AssertionError("no scenario " + scenario);
    }

    /** Every request's duration in the histograms' microseconds, as LoopMetrics rounds them. */
    private static final class RawDurations implements SampleListener {
        @Override
        public void request(int series, ClientExchange e, boolean[] checks, int count) {
            raw.add(Math.max(0, (e.durationNanos() + 500) / 1000));
        }

        @Override
        public void iteration(int scenario, long nanos) {}

        @Override
        public void group(int series, long nanos) {}

        @Override
        public void dropped(int scenario) {}
    }

    private static LoadOutput quiet() {
        return LoadOutput.quiet(new PrintStream(new ByteArrayOutputStream()));
    }
}
