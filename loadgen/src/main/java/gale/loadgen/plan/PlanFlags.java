package gale.loadgen.plan;

import gale.loadgen.threshold.Threshold;
import gale.loadgen.threshold.Thresholds;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The command line's shorthand, as typed (strings and nulls for flags not given), turned into a {@link LoadPlan}
 * here so the CLI stays a parser and every message about a value comes from one place.
 *
 * <p>As in k6: {@code --vus N --duration D} is constant-vus, {@code --stages} ramping-vus, {@code --iterations}
 * shared-iterations, nothing at all one iteration of one VU. {@code --rps R} (Gale's) is constant-arrival-rate.
 */
public record PlanFlags(
        String url,
        Path planFile,
        Integer vus,
        String duration,
        Long rps,
        Integer maxVus,
        String stages,
        Long iterations,
        String think,
        String method,
        List<String> headers,
        String body,
        List<String> thresholds,
        Integer connections,
        Integer threads,
        String timeout,
        String protocol,
        Integer streamsPerConnection,
        boolean insecureSkipTlsVerify) {

    public static final String SCENARIO = "default";

    /** Without the transport flags: the plan's, or the defaults. */
    public PlanFlags(
            String url,
            Path planFile,
            Integer vus,
            String duration,
            Long rps,
            Integer maxVus,
            String stages,
            Long iterations,
            String think,
            String method,
            List<String> headers,
            String body,
            List<String> thresholds,
            Integer connections,
            Integer threads,
            String timeout) {
        this(
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
                null,
                null,
                false);
    }

    public PlanFlags {
        headers = List.copyOf(Objects.requireNonNullElse(headers, List.of()));
        thresholds = List.copyOf(Objects.requireNonNullElse(thresholds, List.of()));
    }

    public LoadPlan toPlan() {
        List<Threshold> parsedThresholds =
                thresholds.stream().map(Thresholds::parse).toList();
        if (planFile != null) {
            if (url != null) {
                throw new PlanException("URL: '" + url + "' (expected: either a URL or -f PLAN, not both)");
            }
            LoadPlan fromFile = new PlanParser().parse(planFile);
            List<Threshold> all = new ArrayList<>(fromFile.thresholds());
            all.addAll(parsedThresholds);
            return new LoadPlan(fromFile.scenarios(), all, options(fromFile.options()), fromFile.faults());
        }
        if (url == null) {
            throw new PlanException("URL: missing (expected: a URL to load, or -f PLAN)");
        }
        URI target = RequestSpec.url("URL", url);
        RequestSpec request = new RequestSpec(null, method, target, headerMap(), body, Checks.NONE, Map.of());
        Duration thinkTime = think == null ? Duration.ZERO : Durations.parse("--think", think);
        Scenario scenario = new Scenario(SCENARIO, executor(), List.of(request), thinkTime, null, null, Map.of());
        return new LoadPlan(List.of(scenario), parsedThresholds, options(PlanOptions.DEFAULTS));
    }

    private ExecutorSpec executor() {
        Duration length = duration == null ? null : Durations.parse("--duration", duration);
        if (vus != null && vus <= 0) {
            throw PlanException.field("--vus", vus, "> 0");
        }
        if (rps != null) {
            if (stages != null || iterations != null) {
                throw new PlanException(
                        "--rps: " + rps + " (expected: with --duration, not with --stages or --iterations)");
            }
            if (length == null) {
                throw new PlanException("--duration: missing (expected: with --rps, how long to hold the rate)");
            }
            int pre = vus != null ? vus : (int) Math.max(1, Math.min(rps, 1000));
            int max = maxVus != null ? maxVus : (int) Math.max(pre, Math.min(100_000, rps * 10));
            return flag(
                    () -> new ExecutorSpec.ConstantArrivalRate(rps, Duration.ofSeconds(1), length, pre, max), "--rps");
        }
        if (stages != null) {
            if (length != null || iterations != null) {
                throw new PlanException("--stages: '" + stages + "' (expected: without --duration or --iterations)");
            }
            return flag(() -> new ExecutorSpec.RampingVus(vus == null ? 1 : vus, parseStages(stages)), "--stages");
        }
        int users = vus == null ? 1 : vus;
        if (iterations != null) {
            Duration max = length == null ? PlanParser.DEFAULT_MAX_DURATION : length;
            return flag(() -> new ExecutorSpec.SharedIterations(users, iterations, max), "--iterations");
        }
        if (length == null) {
            return new ExecutorSpec.SharedIterations(users, users, PlanParser.DEFAULT_MAX_DURATION);
        }
        return flag(() -> new ExecutorSpec.ConstantVus(users, length), "--vus");
    }

    /** {@code 10s:50,180s:50,10s:100}: k6's {@code --stage DURATION:TARGET}, comma-separated. */
    public static List<Stage> parseStages(String text) {
        List<Stage> out = new ArrayList<>();
        String[] parts = text.split(",");
        for (int i = 0; i < parts.length; i++) {
            String field = "--stages[" + i + "]";
            String[] dt = parts[i].trim().split(":");
            if (dt.length != 2 || !dt[1].trim().matches("\\d+")) {
                throw PlanException.field(field, "'" + parts[i].trim() + "'", "DURATION:TARGET like 30s:50");
            }
            out.add(Stage.linear(Durations.parse(field, dt[0]), Long.parseLong(dt[1].trim())));
        }
        return out;
    }

    private PlanOptions options(PlanOptions base) {
        return new PlanOptions(
                connections != null ? connections : base.connections(),
                threads != null ? threads : base.threads(),
                timeout != null ? Durations.parse("--timeout", timeout) : base.timeout(),
                insecureSkipTlsVerify || base.insecureSkipTlsVerify(),
                base.tlsAuth(),
                protocol != null ? Protocol.parse("--protocol", protocol) : base.protocol(),
                streamsPerConnection != null ? streams(streamsPerConnection) : base.streamsPerConnection());
    }

    private static int streams(int streams) {
        if (streams < 1 || streams > 10_000) {
            throw PlanException.field("--streams", streams, "1-10000");
        }
        return streams;
    }

    private Map<String, String> headerMap() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String h : headers) {
            int colon = h.indexOf(':');
            if (colon <= 0) {
                throw PlanException.field("--header", "'" + h + "'", "NAME: VALUE");
            }
            out.put(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
        }
        return out;
    }

    private static <T> T flag(java.util.function.Supplier<T> build, String flag) {
        try {
            return build.get();
        } catch (PlanException e) {
            throw e.getMessage().startsWith("--") ? e : new PlanException(flag + " " + e.getMessage(), e);
        }
    }
}
