package gale.control.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gale.autoscaler.AutoscalingConfig;
import gale.autoscaler.ScalingMetric;
import gale.autoscaler.TargetTracking;
import gale.balancer.Algorithm;
import gale.balancer.DesyncMitigationMode;
import gale.balancer.HealthCheckConfig;
import gale.balancer.ListenerConfig;
import gale.balancer.TargetGroupConfig;
import gale.fleet.ServiceConfig;
import gale.monitor.alarm.AlarmConfig;
import gale.monitor.alarm.Comparison;
import gale.monitor.alarm.Statistic;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StackFileTest {

    private static final Path EXAMPLES = Path.of("..", "examples");

    @Test
    void defaultStackExampleEqualsTheStackWithoutAFile() {
        StackConfig stack = StackFile.load(EXAMPLES.resolve("default.yaml"));

        assertThat(stack).isEqualTo(StackConfig.defaults());
        assertThat(stack.listeners()).singleElement().satisfies(l -> {
            assertThat(l.host()).isEqualTo("127.0.0.1");
            assertThat(l.port()).isEqualTo(8080);
            assertThat(l.defaultTargetGroup()).isEqualTo("web");
        });
        assertThat(stack.services().get("web").desiredCount()).isEqualTo(2);
        assertThat(stack.services().get("web").builtInApp()).isTrue();
        assertThat(stack.targetGroups().get("web").healthCheck().path()).isEqualTo("/health");
        assertThat(stack.database().embedded()).isTrue();
    }

    @Test
    void staticTargetsExampleFrontsExistingServers() {
        StackConfig stack = StackFile.load(EXAMPLES.resolve("static-targets.yaml"));

        TargetGroupConfig group = stack.targetGroups().get("static");
        assertThat(group.staticTargets())
                .containsExactly(new InetSocketAddress("127.0.0.1", 9001), new InetSocketAddress("127.0.0.1", 9002));
        assertThat(group.healthCheck().path()).isEqualTo("/");
        assertThat(group.healthCheck().interval()).isEqualTo(HealthCheckConfig.DEFAULTS.interval());
        assertThat(stack.listeners().getFirst().port()).isEqualTo(8083);
        assertThat(stack.services()).isEmpty();
    }

    @Test
    void autoscalingExampleParsesAsWritten() {
        StackConfig stack = StackFile.load(EXAMPLES.resolve("autoscaling.yaml"));

        ServiceSpec web = stack.services().get("web");
        assertThat(web.cpu()).hasValue(0.25);
        AutoscalingConfig scaling = web.autoscaling().orElseThrow();
        assertThat(scaling.minCount()).isEqualTo(1);
        assertThat(scaling.maxCount()).isEqualTo(3);
        assertThat(scaling.targetTracking()).isEqualTo(new TargetTracking(ScalingMetric.CPU, 50));
        assertThat(scaling.scaleOutCooldown()).isEqualTo(Duration.ofSeconds(5));
        assertThat(scaling.scaleInCooldown()).isEqualTo(Duration.ofSeconds(20));
        assertThat(scaling.scaleInStabilization()).isEqualTo(AutoscalingConfig.DEFAULT_SCALE_IN_STABILIZATION);
        AlarmConfig alarm = stack.alarms().get("web-5xx");
        assertThat(alarm.metric()).isEqualTo("http_5xx_count");
        assertThat(alarm.statistic()).isEqualTo(Statistic.SUM);
        assertThat(alarm.comparison()).isEqualTo(Comparison.GREATER);
        assertThat(alarm.period()).isEqualTo(Duration.ofSeconds(5));
        assertThat(alarm.notifiers()).containsExactly("ops");
        assertThat(stack.notifiers().get("ops").kind()).isEqualTo(NotifierSpec.Kind.DISCORD);
        assertThat(stack.notifiers().get("ops").url()).hasToString("http://127.0.0.1:9099/api/webhooks/1/token");
    }

    @Test
    void fullExampleSetsEveryKey() {
        StackConfig stack = StackFile.load(EXAMPLES.resolve("full.yaml"));

        ListenerConfig listener = stack.listeners().getFirst();
        assertThat(listener.rules()).hasSize(2);
        assertThat(listener.rules().get(0).pathPrefix()).isEqualTo("/api");
        assertThat(listener.rules().get(1).host()).isEqualTo("admin.localhost");
        assertThat(listener.limits().maxHeaderBytes()).isEqualTo(16 * 1024);
        assertThat(listener.limits().maxBodyBytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(stack.targetGroups().get("api").algorithm()).isEqualTo(Algorithm.LEAST_OUTSTANDING_REQUESTS);
        ServiceSpec api = stack.services().get("api");
        assertThat(api.command()).startsWith("python3", "-m", "http.server", "{port}");
        assertThat(api.memoryBytes()).hasValue(256L * 1024 * 1024);
        assertThat(stack.balancer().ioThreads()).isEqualTo(1);
        assertThat(stack.balancer().warmup()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void emptyFileIsTheDefaultStack() {
        assertThat(StackFile.parse("empty.yaml", "# nothing here\n")).isEqualTo(StackConfig.defaults());
    }

    @Test
    void commandAsOneStringIsSplitIntoArguments() {
        StackConfig stack =
                StackFile.parse("s.yaml", "services:\n  api:\n    command: python3 -m http.server {port}\n");

        assertThat(stack.services().get("api").command()).isEqualTo(List.of("python3", "-m", "http.server", "{port}"));
        assertThat(stack.services().get("api").desiredCount()).isEqualTo(ServiceConfig.DEFAULT_DESIRED_COUNT);
    }

    @Test
    void badDurationNamesFileLineColumnAndField() {
        String yaml = """
                listeners:
                  - port: 8080
                    defaultTargetGroup: web
                targetGroups:
                  web:
                    healthCheck:
                      path: /health
                      interval: 2x
                """;

        assertThatThrownBy(() -> StackFile.parse("stack.yaml", yaml))
                .isInstanceOf(StackFileException.class)
                .hasMessage(
                        "stack.yaml:8:17: targetGroups.web.healthCheck.interval: \"2x\" (expected: a duration like 2s or 500ms)");
    }

    @Test
    void portOutOfRangeIsAnError() {
        assertThatThrownBy(() -> StackFile.parse("s.yaml", "targetGroups: { web: {} }\nlisteners:\n  - port: 70000\n"))
                .hasMessage("s.yaml:3:11: listeners[0].port: 70000 (expected: 0-65535)");
    }

    @Test
    void unknownKeySuggestsTheClosestKnownOne() {
        assertThatThrownBy(() -> StackFile.parse("s.yaml", "targetGroups:\n  web:\n    helthCheck: {}\n"))
                .hasMessage("s.yaml:3:5: targetGroups.web.helthCheck: unknown key (did you mean healthCheck?)");
        assertThatThrownBy(() -> StackFile.parse("s.yaml", "services:\n  web:\n    desiredcount: 2\n"))
                .hasMessage("s.yaml:3:5: services.web.desiredcount: unknown key (did you mean desiredCount?)");
    }

    @Test
    void unknownKeyFarFromAnyListsTheKnownOnes() {
        assertThatThrownBy(() -> StackFile.parse("s.yaml", "frobnicate: 1\n"))
                .hasMessageStartingWith(
                        "s.yaml:1:1: frobnicate: unknown key (expected one of: targetGroups, listeners");
    }

    @Test
    void listenerTargetGroupMustExist() {
        String yaml = "listeners:\n  - port: 8080\n    defaultTargetGroup: api\ntargetGroups:\n  web: {}\n";

        assertThatThrownBy(() -> StackFile.parse("s.yaml", yaml))
                .hasMessage(
                        "s.yaml:3:25: listeners[0].defaultTargetGroup: \"api\" (expected: one of the target groups [web])");
    }

    @Test
    void ruleTargetGroupMustExist() {
        String yaml = "targetGroups: { web: {} }\nlisteners:\n  - rules: [ { pathPrefix: /api, targetGroup: api } ]\n";

        assertThatThrownBy(() -> StackFile.parse("s.yaml", yaml))
                .isInstanceOf(StackFileException.class)
                .hasMessageContaining("listeners[0].rules[0].targetGroup: \"api\"");
    }

    @Test
    void serviceTargetGroupMustExist() {
        assertThatThrownBy(() -> StackFile.parse("s.yaml", "services:\n  web:\n    targetGroup: nope\n"))
                .hasMessage(
                        "s.yaml:3:18: services.web.targetGroup: \"nope\" (expected: a name under targetGroups; none is defined)");
    }

    @Test
    void twoListenersOnOnePortIsAnError() {
        String yaml = "targetGroups: { web: {} }\nlisteners:\n  - port: 8080\n  - port: 8080\n";

        assertThatThrownBy(() -> StackFile.parse("s.yaml", yaml))
                .hasMessage("s.yaml:4:11: listeners[1].port: 8080 (expected: a port no other listener uses; "
                        + "listeners[0] has it)");
    }

    @Test
    void listenerWithoutDefaultTargetGroupNeedsExactlyOneGroup() {
        StackConfig one = StackFile.parse("s.yaml", "targetGroups: { web: {} }\nlisteners: [ { port: 9000 } ]\n");
        assertThat(one.listeners().getFirst().defaultTargetGroup()).isEqualTo("web");

        assertThatThrownBy(() ->
                        StackFile.parse("s.yaml", "targetGroups: { a: {}, b: {} }\nlisteners: [ { port: 9000 } ]\n"))
                .hasMessageContaining("listeners[0].defaultTargetGroup: missing (expected: one of [a, b])");
    }

    @Test
    void badStaticTargetNamesItsIndex() {
        assertThatThrownBy(() -> StackFile.parse("s.yaml", "targetGroups:\n  s:\n    targets: [\"a:1\", \"nope\"]\n"))
                .hasMessage("s.yaml:3:14: targetGroups.s.targets[1]: \"nope\" (expected: host:port)");
    }

    @Test
    void healthCheckTimeoutLongerThanIntervalIsAnError() {
        assertThatThrownBy(() -> StackFile.parse(
                        "s.yaml", "targetGroups:\n  web:\n    healthCheck: { interval: 1s, timeout: 2s }\n"))
                .hasMessage("s.yaml:3:43: targetGroups.web.healthCheck.timeout: PT2S (expected: <= interval PT1S)");
    }

    @Test
    void connectionLimitAndSlowClientTimeoutsAreApplied() {
        StackConfig stack = StackFile.parse(
                "s.yaml",
                "listeners: [ { limits: { requestHeaderTimeout: 5s, bodyReadTimeout: 20s } } ]\n"
                        + "targetGroups:\n  web: { maxConnections: 2, queueTimeout: 500ms, maxQueued: 10 }\n");

        assertThat(stack.targetGroups().get("web").connectionLimit())
                .isEqualTo(new gale.balancer.ConnectionLimit(2, Duration.ofMillis(500), 10));
        assertThat(stack.listeners().getFirst().limits().requestHeaderTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(stack.listeners().getFirst().limits().bodyReadTimeout()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void negativeMaxConnectionsIsAnError() {
        assertThatThrownBy(() -> StackFile.parse("s.yaml", "targetGroups:\n  web: { maxConnections: -1 }\n"))
                .hasMessageContaining("targetGroups.web.maxConnections: -1 (expected: 0-1000000)");
    }

    @Test
    void healthCheckPathWithASpaceIsAnError() {
        assertThatThrownBy(
                        () -> StackFile.parse("s.yaml", "targetGroups:\n  web:\n    healthCheck: { path: \"/a b\" }\n"))
                .hasMessageContaining(
                        "s.yaml:3:26: targetGroups.web.healthCheck.path: '/a b' (expected: printable ASCII");
    }

    @Test
    void wrongShapeSaysWhatWasExpected() {
        assertThatThrownBy(() -> StackFile.parse("s.yaml", "listeners: 8080\n"))
                .hasMessage("s.yaml:1:12: listeners: 8080 (expected: a list)");
        assertThatThrownBy(() -> StackFile.parse("s.yaml", "services:\n  web:\n    desiredCount: two\n"))
                .hasMessage("s.yaml:3:19: services.web.desiredCount: \"two\" (expected: an integer)");
    }

    @Test
    void unknownAlgorithmListsTheChoices() {
        assertThatThrownBy(() -> StackFile.parse("s.yaml", "targetGroups:\n  web: { algorithm: random }\n"))
                .hasMessageContaining("targetGroups.web.algorithm: \"random\" (expected: one of ")
                .hasMessageContaining("round_robin");
    }

    @Test
    void desyncMitigationModeIsReadPerListenerAndAnUnknownOneListsTheChoices() {
        StackConfig stack = StackFile.parse(
                "s.yaml",
                "listeners:\n  - { port: 0, desyncMitigationMode: strictest }\n  - { port: 0 }\n"
                        + "targetGroups:\n  web: {}\n");
        assertThat(stack.listeners().get(0).desyncMitigationMode()).isEqualTo(DesyncMitigationMode.STRICTEST);
        assertThat(stack.listeners().get(1).desyncMitigationMode()).isEqualTo(DesyncMitigationMode.DEFENSIVE);

        assertThatThrownBy(() -> StackFile.parse(
                        "s.yaml", "listeners:\n  - { desyncMitigationMode: paranoid }\ntargetGroups:\n  web: {}\n"))
                .hasMessageContaining("s.yaml:2")
                .hasMessageContaining(
                        "listeners[0].desyncMitigationMode: \"paranoid\" (expected: one of monitor, defensive, strictest)");
    }

    @Test
    void alarmMustNotifyAKnownNotifier() {
        String yaml = "alarms:\n  a: { metric: m, threshold: 1, notify: [ops] }\n";

        assertThatThrownBy(() -> StackFile.parse("s.yaml", yaml))
                .hasMessageContaining("alarms.a.notify: \"ops\" (expected: one of the notifiers []");
    }

    @Test
    void notifierNeedsExactlyOneDestination() {
        assertThatThrownBy(() -> StackFile.parse("s.yaml", "notifiers:\n  ops: {}\n"))
                .hasMessageContaining("notifiers.ops: no destination");
        assertThatThrownBy(() -> StackFile.parse("s.yaml", "notifiers:\n  ops: { slack: \"http://a/b\", log: true }\n"))
                .hasMessageContaining("notifiers.ops.log: a second destination");
    }

    @Test
    void desiredCountMustFitTheAutoscalingRange() {
        String yaml = "services:\n  web:\n    desiredCount: 5\n    autoscaling: { minCount: 1, maxCount: 3,"
                + " targetTracking: { target: 50 } }\n";

        assertThatThrownBy(() -> StackFile.parse("s.yaml", yaml))
                .hasMessage("s.yaml:3:19: services.web.desiredCount: 5 (expected: within autoscaling's 1-3)");
    }

    @Test
    void warmupIsBoundedAndCanBeTurnedOff() {
        assertThat(StackFile.parse("s.yaml", "balancer: { warmup: 0s }\n")
                        .balancer()
                        .warmup())
                .isZero();
        assertThat(StackConfig.defaults().balancer().warmup()).isEqualTo(BalancerSpec.DEFAULT_WARMUP);
        assertThatThrownBy(() -> StackFile.parse("s.yaml", "balancer: { warmup: 2m }\n"))
                .hasMessageContaining("warmup: PT2M (expected: 0s-1m, 0s = no warm-up)");
    }

    @Test
    void monitoringRetentionIsBoundedAndHoldsEveryAlarmsWindow() {
        assertThat(StackFile.parse("s.yaml", "monitoring: { retention: 10m }\n")
                        .monitoring()
                        .retention())
                .isEqualTo(Duration.ofMinutes(10));
        assertThat(StackConfig.defaults().monitoring()).isEqualTo(MonitoringSpec.DEFAULTS);
        assertThatThrownBy(() -> StackFile.parse("s.yaml", "monitoring: { retention: 30s }\n"))
                .hasMessageContaining("retention: PT30S (expected: whole seconds from 1m to 24h)");
        assertThatThrownBy(() -> StackFile.parse("s.yaml", "monitoring: { retain: 1h }\n"))
                .hasMessageStartingWith("s.yaml:1:15: monitoring.retain");

        String alarm = "targetGroups: { web: {} }\nalarms:\n  errors:\n    metric: http_5xx_count\n"
                + "    targetGroup: web\n    threshold: 1\n    period: 60s\n    evaluationPeriods: 11\n";
        assertThat(StackFile.parse("s.yaml", alarm).alarms()).containsKey("errors");
        assertThatThrownBy(() -> StackFile.parse("s.yaml", alarm + "monitoring: { retention: 10m }\n"))
                .hasMessage("s.yaml:8:24: alarms.errors.evaluationPeriods: 11 periods of 60 s look back 660 s"
                        + " (expected: at most monitoring.retention, 600 s, the history Gale keeps)");

        String autoscaled = "services:\n  web:\n    command: [app]\n    autoscaling:\n      maxCount: 3\n"
                + "      targetTracking: { metric: cpu, target: 50 }\n      metricWindow: 2h\n";
        assertThat(StackFile.parse("s.yaml", autoscaled + "monitoring: { retention: 3h }\n")
                        .services()
                        .get("web")
                        .autoscaling()
                        .orElseThrow()
                        .metricWindow())
                .isEqualTo(Duration.ofHours(2));
        assertThatThrownBy(() -> StackFile.parse("s.yaml", autoscaled))
                .hasMessage("s.yaml:7:21: services.web.autoscaling.metricWindow: 7200 s"
                        + " (expected: at most monitoring.retention, 3600 s, the history Gale keeps)");
    }

    @Test
    void keyWrittenTwiceIsAnError() {
        assertThatThrownBy(() -> StackFile.parse("s.yaml", "balancer: { ioThreads: 1 }\nbalancer: {}\n"))
                .hasMessage("s.yaml:2:1: balancer: written twice (expected: each key once)");
    }

    @Test
    void invalidYamlNamesTheLine() {
        assertThatThrownBy(() -> StackFile.parse("s.yaml", "listeners: [ port: 80\n"))
                .isInstanceOf(StackFileException.class)
                .hasMessageStartingWith("s.yaml:2:1: invalid YAML");
    }

    @Test
    void secondDocumentIsAnError() {
        assertThatThrownBy(() -> StackFile.parse("s.yaml", "balancer: {}\n---\nbalancer: {}\n"))
                .hasMessage("s.yaml:3:1: a second document (expected: one document per file)");
    }

    @Test
    void missingFileSaysSo() {
        assertThatThrownBy(() -> StackFile.load(Path.of("no-such-stack.yaml")))
                .hasMessage("no-such-stack.yaml: no such file");
    }

    @Test
    void serviceNameMustSuitATaskId() {
        assertThatThrownBy(() -> StackFile.parse("s.yaml", "services:\n  \"web app\": {}\n"))
                .hasMessage(
                        "s.yaml:2:14: services.web app: \"web app\" (expected: letters, digits, '-' or '_', at most 63,"
                                + " starting with a letter or digit)");
    }

    @Test
    void everyAutoscalingKeyTheAutoscalerAppliesIsRead() {
        String yaml = """
                services:
                  web:
                    autoscaling:
                      minCount: 0
                      maxCount: 4
                      targetTracking: { metric: requestsPerTarget, target: 20, tolerance: 0.2 }
                      stepScaling:
                        metric: cpu
                        steps:
                          - { upperBound: 20, adjustment: -1 }
                          - { lowerBound: 90, adjustment: 2 }
                      scaleInStabilization: 45s
                      warmUp: 3s
                      metricWindow: 10s
                      evaluationInterval: 2s
                """;

        AutoscalingConfig config = StackFile.parse("s.yaml", yaml)
                .services()
                .get("web")
                .autoscaling()
                .orElseThrow();

        assertThat(config.minCount()).isZero();
        assertThat(config.targetTracking()).isEqualTo(new TargetTracking(ScalingMetric.REQUESTS_PER_TARGET, 20, 0.2));
        assertThat(config.stepScaling().steps()).hasSize(2);
        assertThat(config.stepScaling().steps().getLast().adjustment()).isEqualTo(2);
        assertThat(config.scaleInStabilization()).hasSeconds(45);
        assertThat(config.warmUp()).hasSeconds(3);
        assertThat(config.metricWindow()).hasSeconds(10);
        assertThat(config.evaluationInterval()).hasSeconds(2);
        assertThat(config.scaleOutCooldown()).isEqualTo(AutoscalingConfig.DEFAULT_SCALE_OUT_COOLDOWN);
    }

    @Test
    void autoscalingWithoutAPolicyIsRefusedAtItsLine() {
        assertThatThrownBy(() -> StackFile.parse("s.yaml", "services:\n  web:\n    autoscaling: { maxCount: 3 }\n"))
                .hasMessage("s.yaml:3:18: services.web.autoscaling: no policy (expected: targetTracking or stepScaling,"
                        + " or both)");
    }

    @Test
    void alarmStatisticsAreCloudWatchsNamesInEitherCase() {
        String yaml = """
                targetGroups: { web: {} }
                alarms:
                  a: { metric: http_request_count, targetGroup: web, statistic: SampleCount, threshold: 1 }
                  b: { metric: http_request_count, targetGroup: web, statistic: sum, threshold: 1 }
                  c: { metric: latency_ms, targetGroup: web, statistic: p99.9, threshold: 1 }
                  d: { metric: cpu_percent, service: web, threshold: 80 }
                services: { web: { targetGroup: web } }
                """;

        StackConfig stack = StackFile.parse("s.yaml", yaml);

        assertThat(stack.alarms().get("a").statistic()).isEqualTo(Statistic.SAMPLE_COUNT);
        assertThat(stack.alarms().get("b").statistic()).isEqualTo(Statistic.SUM);
        assertThat(stack.alarms().get("c").statistic()).isEqualTo(Statistic.percentile(99.9));
        assertThat(stack.alarms().get("d").statistic()).isEqualTo(AlarmConfig.DEFAULT_STATISTIC);
        assertThat(stack.alarms().get("d").period()).isEqualTo(AlarmConfig.DEFAULT_PERIOD);
        assertThatThrownBy(() -> StackFile.parse("s.yaml", yaml.replace("statistic: sum", "statistic: median")))
                .hasMessageStartingWith("s.yaml:4:65: alarms.b.statistic: median (expected: SampleCount, Average,");
    }

    @Test
    void alarmWithoutADimensionSaysWhichOneItsMetricHas() {
        assertThatThrownBy(() -> StackFile.parse("s.yaml", "alarms:\n  a: { metric: running_tasks, threshold: 1 }\n"))
                .hasMessage("s.yaml:2:6: alarms.a: dimensions: none (expected: running_tasks is published per"
                        + " service)");
    }
}
