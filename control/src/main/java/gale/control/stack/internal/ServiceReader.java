package gale.control.stack.internal;

import gale.autoscaler.AutoscalingConfig;
import gale.autoscaler.ScalingMetric;
import gale.autoscaler.StepScaling;
import gale.autoscaler.TargetTracking;
import gale.control.deploy.CanaryStep;
import gale.control.deploy.DeploymentConfig;
import gale.control.deploy.Strategy;
import gale.control.stack.MonitoringSpec;
import gale.control.stack.ServiceSpec;
import gale.control.stack.StackFileException;
import gale.fleet.ServiceConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * One entry of {@code services:} onto {@link ServiceSpec}, with the fleet's defaults, and its {@code autoscaling:}
 * block onto the autoscaler's {@link AutoscalingConfig}, key by key: what is not written keeps the autoscaler's default.
 */
final class ServiceReader {

    private static final Pattern SERVICE_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}", Pattern.CASE_INSENSITIVE);

    private ServiceReader() {}

    static ServiceSpec read(
            String name,
            Section s,
            TargetGroupNames groups,
            TestTargetGroups tests,
            List<StackFileException> notAppliedByUp,
            MonitoringSpec monitoring) {
        checkName(name, s);
        List<String> command = s.node("command")
                .map(n -> n instanceof YamlNode.ScalarNode scalar && scalar.text() != null
                        ? List.of(scalar.text().trim().split("\\s+"))
                        : s.strings("command"))
                .orElse(List.of());
        Map<String, String> env = s.stringMap("env");
        Optional<String> workingDirectory = Optional.ofNullable(s.string("workingDirectory", null));
        OptionalDouble cpu = s.has("cpu") ? OptionalDouble.of(s.number("cpu", 0)) : OptionalDouble.empty();
        // Like ECS, a bare number is MiB.
        OptionalLong memory = s.has("memory") ? OptionalLong.of(s.size("memory", 0, 1L << 20)) : OptionalLong.empty();
        int desired = s.integer("desiredCount", ServiceConfig.DEFAULT_DESIRED_COUNT);
        Optional<String> group = groups.readOptional(s, "targetGroup");
        group.ifPresent(g -> tests.serviceGroup(s, "targetGroup", g));
        Duration stopTimeout = s.duration("stopTimeout", ServiceConfig.DEFAULT_STOP_TIMEOUT);
        Duration grace = s.duration("healthCheckGracePeriod", ServiceSpec.DEFAULT_HEALTH_CHECK_GRACE_PERIOD);
        ServiceSpec.DeploymentSpec deployment = deployment(s.section("deployment"), name, tests);
        Optional<AutoscalingConfig> autoscaling = s.has("autoscaling")
                ? Optional.of(autoscaling(s.section("autoscaling"), monitoring))
                : Optional.empty();
        s.finish();
        return s.build(() -> new ServiceSpec(
                command,
                env,
                workingDirectory,
                cpu,
                memory,
                desired,
                group,
                stopTimeout,
                grace,
                deployment,
                autoscaling));
    }

    /** The {@code deployment} block onto {@link DeploymentConfig}: what is not written keeps its default. */
    private static ServiceSpec.DeploymentSpec deployment(Section d, String service, TestTargetGroups tests) {
        DeploymentConfig defaults = DeploymentConfig.DEFAULTS;
        Map<String, Strategy> strategies = new java.util.LinkedHashMap<>();
        for (Strategy strategy : Strategy.values()) {
            strategies.put(strategy.label(), strategy);
        }
        Strategy strategy = d.choice("strategy", defaults.strategy(), strategies);
        int minimumHealthy = d.integer("minimumHealthyPercent", defaults.minimumHealthyPercent());
        int maximum = d.integer("maximumPercent", defaults.maximumPercent());
        List<CanaryStep> steps = d.has("steps") ? d.list("steps", DeploymentSteps::step) : defaults.canarySteps();
        int stepPercent = d.integer("stepPercent", defaults.stepPercent());
        Duration stepBakeTime = d.duration("stepBakeTime", defaults.stepBakeTime());
        Duration bakeTime = d.duration("bakeTime", defaults.bakeTime());
        Section breaker = d.section("circuitBreaker");
        DeploymentConfig.CircuitBreaker circuitBreaker = new DeploymentConfig.CircuitBreaker(
                breaker.bool("enable", defaults.circuitBreaker().enable()),
                breaker.bool("rollback", defaults.circuitBreaker().rollback()));
        breaker.finish();
        Section alarms = d.section("alarms");
        List<String> alarmNames = alarms.has("names") ? alarms.strings("names") : defaults.alarms();
        boolean alarmRollback = alarms.bool("rollback", defaults.alarmRollback());
        alarms.finish();
        Duration progressDeadline = d.duration("progressDeadline", defaults.progressDeadline());
        Optional<String> testTargetGroup = tests.read(d, service);
        d.finish();
        return d.build(() -> new ServiceSpec.DeploymentSpec(
                new DeploymentConfig(
                        strategy,
                        minimumHealthy,
                        maximum,
                        steps,
                        stepPercent,
                        stepBakeTime,
                        bakeTime,
                        circuitBreaker,
                        alarmNames,
                        alarmRollback,
                        progressDeadline),
                testTargetGroup));
    }

    /** Task ids start with the service's name ({@code web-1a2b3c}), so it must suit one. */
    private static void checkName(String name, Section s) {
        if (!SERVICE_NAME.matcher(name).matches()) {
            throw s.error('"' + name + "\" (expected: letters, digits, '-' or '_', at most 63, starting with a letter"
                    + " or digit)");
        }
    }

    /** @param monitoring whose history the readings' window must fit in */
    private static AutoscalingConfig autoscaling(Section s, MonitoringSpec monitoring) {
        AutoscalingConfig.Builder config = AutoscalingConfig.builder();
        if (s.has("minCount")) {
            config.minCount(s.integer("minCount", 0));
        }
        if (s.has("maxCount")) {
            config.maxCount(s.integer("maxCount", 0));
        }
        if (s.has("targetTracking")) {
            config.targetTracking(targetTracking(s.section("targetTracking")));
        }
        if (s.has("stepScaling")) {
            config.stepScaling(stepScaling(s.section("stepScaling")));
        }
        config.scaleOutCooldown(s.duration("scaleOutCooldown", null))
                .scaleInCooldown(s.duration("scaleInCooldown", null))
                .scaleInStabilization(s.duration("scaleInStabilization", null))
                .warmUp(s.duration("warmUp", null))
                .metricWindow(s.duration("metricWindow", null))
                .evaluationInterval(s.duration("evaluationInterval", null));
        s.finish();
        AutoscalingConfig built = s.build(config::build);
        String refusal = monitoring.lookBackRefusal(built.metricWindow());
        if (refusal != null) {
            throw s.error("metricWindow", built.metricWindow().toSeconds() + " s " + refusal);
        }
        return built;
    }

    private static TargetTracking targetTracking(Section t) {
        ScalingMetric metric = metric(t);
        if (!t.has("target")) {
            throw t.error("target", "missing (expected: the value to keep the metric near, like 50)");
        }
        double target = t.number("target", 0);
        double tolerance = t.number("tolerance", TargetTracking.DEFAULT_TOLERANCE);
        t.finish();
        return t.build(() -> new TargetTracking(metric, target, tolerance));
    }

    private static StepScaling stepScaling(Section t) {
        ScalingMetric metric = metric(t);
        if (!t.has("steps")) {
            throw t.error("steps", "missing (expected: a list of {lowerBound, upperBound, adjustment})");
        }
        List<StepScaling.Step> steps = t.list("steps", ServiceReader::step);
        t.finish();
        return t.build(() -> new StepScaling(metric, steps));
    }

    private static StepScaling.Step step(Section s) {
        Double lower = s.has("lowerBound") ? s.number("lowerBound", 0) : null;
        Double upper = s.has("upperBound") ? s.number("upperBound", 0) : null;
        if (!s.has("adjustment")) {
            throw s.error("adjustment", "missing (expected: the change in task count, like 1 or -1)");
        }
        int adjustment = s.integer("adjustment", 0);
        s.finish();
        return s.build(() -> new StepScaling.Step(lower, upper, adjustment));
    }

    /** The autoscaler's own names ({@link ScalingMetric#parse}): {@code cpu}, {@code requestsPerTarget}, ... */
    private static ScalingMetric metric(Section t) {
        String name = t.string("metric", null);
        return name == null ? TargetTracking.DEFAULT_METRIC : t.build(() -> ScalingMetric.parse(name));
    }
}
