package gale.loadgen;

import gale.loadgen.api.RunControl;
import gale.loadgen.control.ControlEvent;
import gale.loadgen.control.ControlEventSource;
import gale.loadgen.control.FaultSchedule;
import gale.loadgen.executor.ScenarioDriver;
import gale.loadgen.executor.VuLoop;
import gale.loadgen.http.ClientOptions;
import gale.loadgen.http.HttpEngine;
import gale.loadgen.http.LoopClient;
import gale.loadgen.http.PreparedRequest;
import gale.loadgen.metrics.LoopMetrics;
import gale.loadgen.metrics.MetricsCollector;
import gale.loadgen.metrics.MetricsLayout;
import gale.loadgen.metrics.Results;
import gale.loadgen.metrics.SampleListener;
import gale.loadgen.metrics.SecondRow;
import gale.loadgen.output.JunitReport;
import gale.loadgen.output.OutputTarget;
import gale.loadgen.output.RunOutputs;
import gale.loadgen.plan.ExecutorSpec;
import gale.loadgen.plan.LoadPlan;
import gale.loadgen.plan.PlanException;
import gale.loadgen.plan.PlanOptions;
import gale.loadgen.plan.Protocol;
import gale.loadgen.plan.RequestSpec;
import gale.loadgen.plan.Scenario;
import gale.loadgen.prometheus.PrometheusEndpoint;
import gale.loadgen.report.HtmlReport;
import gale.loadgen.report.Progress;
import gale.loadgen.report.SeriesWriter;
import gale.loadgen.report.SummaryExport;
import gale.loadgen.report.SummaryPrinter;
import gale.loadgen.segment.ExecutionTuple;
import gale.loadgen.threshold.Threshold;
import gale.loadgen.threshold.ThresholdEvaluator;
import gale.loadgen.threshold.ThresholdResult;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A load test, assembled in one place: resolve and encode the requests (bad input fails here, before any request),
 * start the event loops, the scenario drivers, the 1-second collector and the control-plane reader; at the end
 * fold the last second, evaluate thresholds, write the outputs and print the summary.
 */
public final class LoadRun {

    /** How long in-flight iterations may finish after {@link #stop()} (Ctrl-C). */
    static final Duration STOP_GRACE = Duration.ofSeconds(2);

    /** Requests of the code warm-up before the clock starts, against an in-process server (never the target). */
    static final Duration WARM_UP = Duration.ofMillis(500);

    private static final boolean[] NO_CHECKS = new boolean[0];

    private final LoadPlan plan;
    private final ExecutionTuple segment;
    private final LoadOutput output;
    private final List<PreparedRequest> prepared;
    private final HttpEngine engine;
    private final List<LoopMetrics> loopMetrics = new ArrayList<>();
    private final MetricsCollector collector;
    private final List<ScenarioDriver> drivers = new ArrayList<>();
    private final List<ScheduledFuture<?>> starts = new ArrayList<>();
    private final ScheduledExecutorService clock;
    private final List<SecondRow> rows = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> finished;
    private final ControlEventSource events;
    private final FaultSchedule faults;
    private final SeriesWriter series;
    private final RunOutputs outputs;
    private final Progress progress;
    private final List<Threshold> abortThresholds;
    private final long startNanos;
    private final LiveControl control;
    private final PrometheusEndpoint prometheus;
    private ScheduledFuture<?> ticker;
    private volatile boolean interrupted;
    private volatile boolean aborted;

    private LoadRun(LoadPlan plan, LoadOutput output, ExecutionTuple segment, SampleListener samples) {
        if (!plan.faults().isEmpty() && output.control() == null) {
            throw new PlanException("faults: " + plan.faults().size()
                    + " fault(s) (expected: a control plane to inject them: --control URL)");
        }
        if (!segment.full()
                && plan.scenarios().stream().anyMatch(s -> s.executor() instanceof ExecutorSpec.ExternallyControlled)) {
            throw new PlanException("--execution-segment: " + segment
                    + " (expected: none with an externally-controlled scenario: its VUs are set on one machine)");
        }
        this.plan = plan;
        this.segment = segment;
        this.output = output;
        this.prepared = prepare(plan);
        this.prometheus = PrometheusEndpoint.open(output.outs(), output.progress());
        int threads = plan.options().threads() > 0
                ? plan.options().threads()
                : Runtime.getRuntime().availableProcessors();
        int connections = plan.options().connections() > 0 ? plan.options().connections() : defaultConnections(plan);
        boolean tls = prepared.stream().anyMatch(r -> r.origin().tls());
        PlanOptions o = plan.options();
        if (tls && o.protocol() == Protocol.H2C) {
            prepared.forEach(PreparedRequest::release);
            throw new PlanException("options.protocol: h2c (expected: http:// URLs only; h2c is HTTP/2 without TLS,"
                    + " https:// negotiates h2 with auto or h2)");
        }
        this.engine = new HttpEngine(new ClientOptions(
                threads,
                connections,
                o.timeout(),
                tls,
                o.insecureSkipTlsVerify(),
                o.tlsAuth() == null ? null : o.tlsAuth().cert(),
                o.tlsAuth() == null ? null : o.tlsAuth().key(),
                o.protocol(),
                o.streamsPerConnection()));
        MetricsLayout layout = new MetricsLayout(plan);
        // Open models: arrivals would queue behind class loading and measure it. Closed ones: VUs at full speed would
        // spend the first seconds at a fraction of their rate while the JIT compiles. The recording code warms too,
        // into metrics that are thrown away.
        engine.warmUp(WARM_UP, () -> {
            LoopMetrics scratch = new LoopMetrics(layout);
            return e -> scratch.record(0, e, NO_CHECKS, 0);
        });
        List<VuLoop> contexts = new ArrayList<>();
        for (LoopClient client : engine.loops()) {
            LoopMetrics m = new LoopMetrics(layout);
            if (samples != null) {
                m.sampleTo(samples);
            }
            loopMetrics.add(m);
            contexts.add(new VuLoop(client, m));
        }
        this.collector = new MetricsCollector(plan, layout, loopMetrics);
        this.outputs = RunOutputs.open(output, layout, loopMetrics);
        this.clock = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().daemon().name("gale-load-clock").unstarted(r));
        int offset = 0;
        for (int i = 0; i < plan.scenarios().size(); i++) {
            Scenario s = plan.scenarios().get(i);
            List<PreparedRequest> mine =
                    prepared.subList(offset, offset + s.requests().size());
            offset += s.requests().size();
            drivers.add(ScenarioDriver.of(s, i, mine, contexts, clock, segment));
        }
        this.finished = CompletableFuture.allOf(
                drivers.stream().map(ScenarioDriver::done).toArray(CompletableFuture[]::new));
        this.events =
                output.control() == null ? null : new ControlEventSource(output.control(), output.clock()).start();
        Path seriesFile = output.series() != null ? output.series() : output.out(OutputTarget.Type.SERIES);
        this.series = seriesFile == null ? null : new SeriesWriter(seriesFile);
        this.progress = output.quiet() ? null : new Progress(output.progress(), output.terminal(), plan.length());
        this.abortThresholds =
                plan.thresholds().stream().filter(Threshold::abortOnFail).toList();
        this.startNanos = System.nanoTime();
        this.control = new LiveControl(
                drivers, collector, startNanos, () -> clock.execute(this::end), () -> !finished.isDone());
        for (ScenarioDriver d : drivers) {
            starts.add(clock.schedule(d::start, d.scenario().startTime().toNanos(), TimeUnit.NANOSECONDS));
        }
        if (prometheus != null) {
            prometheus.follow(() -> new PrometheusEndpoint.Snapshot(
                    collector.results((System.nanoTime() - startNanos) / 1e9),
                    drivers.stream().mapToInt(ScenarioDriver::vus).sum(),
                    drivers.stream().mapToInt(ScenarioDriver::vusAllocated).sum()));
        }
        ticker = clock.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
        this.faults = plan.faults().isEmpty() || !segment.first()
                ? null
                : FaultSchedule.start(plan.faults(), output.control(), output.controlToken(), clock, output.progress());
    }

    /** Runs {@code plan} to the end and reports to {@code output}. Throws {@link PlanException} on bad input. */
    public static LoadResult run(LoadPlan plan, LoadOutput output) {
        return start(plan, output).await();
    }

    /** Starts the test; bad input (an unresolvable host) throws {@link PlanException} before any request. */
    public static LoadRun start(LoadPlan plan, LoadOutput output) {
        return start(plan, output, ExecutionTuple.FULL);
    }

    /** Starts this worker's {@code segment} of the test (k6's --execution-segment). */
    public static LoadRun start(LoadPlan plan, LoadOutput output, ExecutionTuple segment) {
        return new LoadRun(plan, output, segment, null);
    }

    /** As {@link #start(LoadPlan, LoadOutput, ExecutionTuple)}, with {@code samples} seeing every sample. */
    public static LoadRun start(LoadPlan plan, LoadOutput output, ExecutionTuple segment, SampleListener samples) {
        return new LoadRun(plan, output, segment, samples);
    }

    /** Stops early (Ctrl-C): no new iterations, in-flight ones get up to 2 s, then the summary covers what ran. */
    public void stop() {
        interrupted = true;
        halt();
    }

    /** What {@code gale load}'s API reads and changes while the test runs. */
    public RunControl control() {
        return control;
    }

    /** Ends as if every scenario's time were up (the API's stop): not interrupted, gracefulStop applies. */
    private void end() {
        for (int i = 0; i < drivers.size(); i++) {
            if (starts.get(i).cancel(false)) {
                drivers.get(i).abandon();
            } else {
                drivers.get(i).end();
            }
        }
    }

    private void halt() {
        for (int i = 0; i < drivers.size(); i++) {
            if (starts.get(i).cancel(false)) {
                drivers.get(i).abandon();
            } else {
                drivers.get(i).interrupt(STOP_GRACE);
            }
        }
    }

    /** Waits for the end, then evaluates, writes and prints everything. */
    public LoadResult await() {
        finished.join();
        ticker.cancel(false);
        if (faults != null) {
            faults.close();
        }
        LoadResult result;
        try {
            result = clock.submit(this::finish).get();
        } catch (Exception e) {
            throw new IllegalStateException("the load test failed to finish: " + e.getMessage(), e);
        } finally {
            clock.shutdownNow();
            if (events != null) {
                events.close();
            }
            engine.close();
            prepared.forEach(PreparedRequest::release);
        }
        if (output.summaryExport() != null) {
            SummaryExport.write(result, output.summaryExport(), segment.toString());
        }
        if (output.junit() != null) {
            JunitReport.write(result, output.junit());
        }
        if (output.report() != null) {
            HtmlReport.write(result, output.report());
        }
        if (output.dashboard() != null) {
            output.dashboard().finished(result);
        }
        SummaryPrinter.print(result, output.summary());
        if (prometheus != null) {
            prometheus.lastScrape(result.results(), output.progress());
        }
        return result;
    }

    private LoadResult finish() {
        tick();
        if (series != null) {
            series.close();
        }
        if (progress != null) {
            progress.finish();
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        Results results = collector.results(seconds);
        outputs.close();
        List<ThresholdResult> outcomes = ThresholdEvaluator.evaluate(plan.thresholds(), results);
        List<ControlEvent> all = events == null ? List.of() : events.all();
        return new LoadResult(results, outcomes, rows, all, interrupted, aborted);
    }

    private void tick() {
        long elapsed = (System.nanoTime() - startNanos) / 1_000_000;
        int vus = drivers.stream().mapToInt(ScenarioDriver::vus).sum();
        int vusMax = drivers.stream().mapToInt(ScenarioDriver::vusAllocated).sum();
        List<ControlEvent> fresh = events == null ? List.of() : events.drain();
        SecondRow row = collector.tick(elapsed, output.clock().millis(), vus, vusMax, fresh);
        rows.add(row);
        if (series != null) {
            series.write(row);
        }
        outputs.second(row, collector.lastSecond());
        if (output.dashboard() != null) {
            output.dashboard().second(row);
        }
        if (progress != null) {
            progress.update(row);
        }
        if (!abortThresholds.isEmpty() && !aborted) {
            checkAbort(elapsed);
        }
    }

    private void checkAbort(long elapsedMillis) {
        Results now = collector.results(elapsedMillis / 1000.0);
        for (Threshold t : abortThresholds) {
            if (elapsedMillis >= t.delayAbortEval().toMillis()
                    && !ThresholdEvaluator.evaluate(t, now).passed()) {
                aborted = true;
                halt();
                return;
            }
        }
    }

    private static List<PreparedRequest> prepare(LoadPlan plan) {
        Map<String, InetAddress> resolved = new HashMap<>();
        List<PreparedRequest> out = new ArrayList<>();
        for (Scenario s : plan.scenarios()) {
            for (RequestSpec r : s.requests()) {
                String host = r.url().getHost();
                InetAddress address = resolved.computeIfAbsent(host, LoadRun::resolve);
                out.add(PreparedRequest.of(out.size(), r, new InetSocketAddress(address, r.port())));
            }
        }
        return out;
    }

    private static InetAddress resolve(String host) {
        try {
            return InetAddress.getByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            throw new PlanException("url: host '" + host + "' cannot be resolved (expected: a host name or address)");
        }
    }

    /** One connection per VU, as k6, but within the process's file-descriptor limit. */
    private static int defaultConnections(LoadPlan plan) {
        long fds = 10_000;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean os) {
            fds = os.getMaxFileDescriptorCount();
        }
        long budget = Math.max(64, fds - 512);
        return (int) Math.max(1, Math.min(plan.maxVus(), budget));
    }
}
