package gale.cli;

import gale.control.admin.StackDirectory;
import gale.loadgen.LoadOutput;
import gale.loadgen.LoadResult;
import gale.loadgen.LoadRun;
import gale.loadgen.api.StatusApi;
import gale.loadgen.output.OutputTarget;
import gale.loadgen.plan.ExecutorSpec;
import gale.loadgen.plan.LoadPlan;
import gale.loadgen.plan.PlanException;
import gale.loadgen.plan.PlanFlags;
import gale.loadgen.report.LiveDashboard;
import gale.loadgen.segment.ExecutionTuple;
import java.io.Console;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gale load}: k6's shorthand flags (or a plan file) into a plan, then the load engine. See docs/load.md. */
@Command(
        name = "load",
        mixinStandardHelpOptions = true,
        description = "Load-tests a URL (k6's flags) or a plan file; prints k6's summary and a per-stage table.",
        subcommands = {LoadMergeCommand.class, LoadConvertCommand.class, LoadControlCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the test ran and every threshold passed",
            "2:bad input (nothing was sent)",
            "99:a threshold failed"
        })
final class LoadCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "URL", description = "The URL to load (or use -f).")
    String url;

    @Option(
            names = {"-f", "--file"},
            paramLabel = "PLAN",
            description = "A plan file (YAML), see docs/plan-file.md.")
    Path planFile;

    @Option(
            names = {"-u", "--vus"},
            description = "Virtual users (default 1).")
    Integer vus;

    @Option(
            names = {"-d", "--duration"},
            description = "How long, e.g. 30s, 5m, 1m30s.")
    String duration;

    @Option(names = "--rps", description = "Open model: start this many iterations per second (constant-arrival-rate).")
    Long rps;

    @Option(names = "--max-vus", description = "With --rps: most VUs to hold (default 10 x rps).")
    Integer maxVus;

    @Option(
            names = {"-s", "--stages"},
            description = "Ramping VUs: DURATION:TARGET,... e.g. 10s:50,180s:50,10s:100.")
    String stages;

    @Option(
            names = {"-i", "--iterations"},
            description = "Total iterations shared by the VUs.")
    Long iterations;

    @Option(names = "--think", description = "Think time after each iteration, e.g. 1s (k6's sleep(1)).")
    String think;

    @Option(
            names = {"-X", "--method"},
            description = "HTTP method (default GET).")
    String method;

    @Option(
            names = {"-H", "--header"},
            paramLabel = "NAME: VALUE",
            description = "A request header (repeatable).")
    List<String> headers;

    @Option(names = "--body", description = "Request body.")
    String body;

    @Option(
            names = "--threshold",
            paramLabel = "EXPR",
            description = "e.g. 'http_req_duration: p(95)<500' (repeatable).")
    List<String> thresholds;

    @Option(names = "--connections", description = "Most connections to the target (default: one per VU).")
    Integer connections;

    @Option(names = "--threads", description = "Event loops (default: one per CPU).")
    Integer threads;

    @Option(names = "--timeout", description = "Request timeout (default 60s).")
    String timeout;

    @Option(
            names = "--protocol",
            paramLabel = "P",
            description = "auto (default: h2 when a TLS server offers it, else HTTP/1.1), http1.1, h2 (also h2c"
                    + " with prior knowledge for http:// URLs), h2c.")
    String protocol;

    @Option(names = "--http2", description = "Same as --protocol h2.")
    boolean http2;

    @Option(
            names = "--insecure-skip-tls-verify",
            description = "Accept any server certificate (k6's flag; the plan's insecureSkipTlsVerify).")
    boolean insecureSkipTlsVerify;

    @Option(
            names = "--streams",
            paramLabel = "N",
            description = "Most requests in flight on one HTTP/2 connection (default 100).")
    Integer streams;

    @Option(names = "--summary-export", paramLabel = "FILE", description = "Write k6's summary JSON.")
    Path summaryExport;

    @Option(
            names = {"-o", "--out"},
            paramLabel = "TYPE=TARGET",
            description = "k6's outputs (repeatable): json=FILE, csv=FILE (every sample as k6's points), hdr=FILE"
                    + " (HdrHistogram log), prometheus=HOST:PORT (OpenMetrics during the run), series=FILE (1-second"
                    + " series; a bare FILE means this: .csv, else JSON lines).")
    List<String> outs;

    @Option(names = "--junit", paramLabel = "FILE", description = "JUnit XML: each threshold and check a test case.")
    Path junit;

    @Option(names = "--report", paramLabel = "FILE.html", description = "Self-contained HTML report.")
    Path report;

    @Option(
            names = "--control",
            paramLabel = "URL",
            description = "A Gale control plane whose events go on the timeline.")
    URI control;

    @Option(
            names = "--execution-segment",
            paramLabel = "FROM:TO",
            description = "Run only this share of the test, as k6 (e.g. 1/4:2/4): VUs, iterations and arrivals are"
                    + " striped so that the workers of a sequence add up to the whole test.")
    String executionSegment;

    @Option(
            names = "--execution-segment-sequence",
            paramLabel = "0,A,B,...,1",
            description = "All the workers' segment bounds (e.g. 0,1/4,2/4,3/4,1), so unequal splits stripe alike.")
    String executionSegmentSequence;

    @Option(
            names = "--dashboard",
            arity = "0..1",
            fallbackValue = "" + LiveDashboard.DEFAULT_PORT,
            paramLabel = "PORT",
            description = "Serve the report live on 127.0.0.1:PORT while the test runs (default: ${FALLBACK-VALUE}).")
    Integer dashboard;

    @Option(
            names = {"-a", "--address"},
            paramLabel = "HOST:PORT",
            defaultValue = "127.0.0.1:" + StatusApi.DEFAULT_PORT,
            description = "Serve the API (GET/PATCH /v1/status: VUs, pause, stop; see gale load control) on this"
                    + " loopback address (default: ${DEFAULT-VALUE}, k6's; port 0: a free one, printed). When the"
                    + " port is taken the test runs without it, unless it has an externally-controlled scenario.")
    String address;

    @Option(
            names = {"-q", "--quiet"},
            description = "No live progress.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    /** Say where the API is, once it answers: the test needs it, or its port was chosen at random. */
    private boolean announceApi;

    @Option(names = "--state-dir", hidden = true, description = "Where stacks keep their tokens (tests).")
    Path stateRoot;

    /** A stack on this machine keeps its token under ~/.gale/stacks; the plan's faults need it. */
    private String controlToken(URI url) {
        Path root = stateRoot != null ? stateRoot : StackDirectory.defaultRoot();
        return StackDirectory.readToken(root, url.getPort() == -1 ? 80 : url.getPort())
                .orElse(null);
    }

    @Override
    public Integer call() {
        LoadOutput output = new LoadOutput(
                        System.out,
                        System.err,
                        terminal(),
                        quiet,
                        summaryExport,
                        null,
                        report,
                        control,
                        Clock.systemUTC())
                .withJunit(junit)
                .withControlToken(control == null ? null : controlToken(control));
        LiveDashboard page = null;
        if (dashboard != null) {
            try {
                page = LiveDashboard.start("127.0.0.1", dashboard);
            } catch (UncheckedIOException e) {
                spec.commandLine().getErr().println("gale load: " + e.getMessage());
                return Gale.EXIT_BAD_INPUT;
            }
            spec.commandLine().getErr().println("gale load: dashboard at " + page.url());
            output = output.withDashboard(page);
        }
        try (LiveDashboard closing = page) {
            return run(output);
        }
    }

    private Integer run(LoadOutput given) {
        LoadPlan plan;
        LoadRun test;
        StatusApi api = null;
        LoadOutput output = given;
        try {
            output = output.withOuts(
                    outs == null
                            ? List.of()
                            : outs.stream().map(OutputTarget::parse).toList());
            if (http2 && protocol != null) {
                throw new PlanException("--http2: with --protocol " + protocol + " (expected: one of the two)");
            }
            plan = new PlanFlags(
                            url,
                            planFile,
                            vus,
                            duration,
                            rps,
                            maxVus,
                            stages,
                            iterations,
                            think,
                            method,
                            headers,
                            body,
                            thresholds,
                            connections,
                            threads,
                            timeout,
                            http2 && protocol == null ? "h2" : protocol,
                            streams,
                            insecureSkipTlsVerify)
                    .toPlan();
            ExecutionTuple segment = ExecutionTuple.of(executionSegment, executionSegmentSequence);
            api = api(plan);
            test = LoadRun.start(plan, output, segment);
        } catch (IllegalArgumentException e) { // a PlanException, or an --address refused
            if (api != null) {
                api.close();
            }
            spec.commandLine().getErr().println("gale load: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return Gale.EXIT_BAD_INPUT;
        }
        try (StatusApi closing = api) {
            if (api != null) {
                api.attach(test.control());
                if (announceApi) {
                    spec.commandLine()
                            .getErr()
                            .println("gale load: API at http://" + api.hostAndPort() + StatusApi.PATH
                                    + " (gale load control --address " + api.hostAndPort()
                                    + " status|scale N|pause|resume|stop)");
                    spec.commandLine().getErr().flush();
                }
            }
            return await(test);
        }
    }

    /**
     * The API on {@code --address}, or null when its port is taken and nothing needs it (k6 runs on without it too);
     * a plan with an externally-controlled scenario cannot run without it.
     */
    private StatusApi api(LoadPlan plan) {
        boolean needed =
                plan.scenarios().stream().anyMatch(s -> s.executor() instanceof ExecutorSpec.ExternallyControlled);
        var where = StatusApi.address(address);
        StatusApi api;
        try {
            api = StatusApi.start(where);
        } catch (UncheckedIOException e) {
            if (needed) {
                throw new IllegalArgumentException(e.getMessage() + " (the externally-controlled scenario needs it)");
            }
            spec.commandLine().getErr().println("gale load: " + e.getMessage() + "; running without it");
            return null;
        }
        announceApi = needed || where.getPort() == 0;
        return api;
    }

    private int await(LoadRun test) {
        CountDownLatch printed = new CountDownLatch(1);
        Thread onInterrupt = new Thread(
                () -> {
                    test.stop();
                    try {
                        printed.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "gale-load-stop");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            LoadResult result = test.await();
            return result.exitCode();
        } finally {
            printed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and lets the JVM exit once the summary is out.
            }
        }
    }

    /** A console that is a terminal; JDK 22+ returns a console even when redirected, so ask isTerminal(). */
    private static boolean terminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
