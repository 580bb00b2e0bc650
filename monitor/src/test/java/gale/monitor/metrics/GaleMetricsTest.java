package gale.monitor.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gale.monitor.testing.Promtool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class GaleMetricsTest {

    /** Every hook called once or more, as a running stack would. */
    static GaleMetrics populated() {
        GaleMetrics metrics = new GaleMetrics();
        metrics.connectionOpened("8080");
        metrics.requestCompleted("8080", "web", "web-1a2b3c", 200, 3_000_000);
        metrics.requestCompleted("8080", "web", "web-1a2b3c", 503, 40_000_000);
        metrics.rejected("8080", "web", 503, "no-healthy-target");
        metrics.rejected("8080", null, 431, "header-too-large");
        metrics.retried("8080", "web", "connect_failed");
        Runnable ambiguous = metrics.desyncRequests("8080", "defensive", "Ambiguous");
        ambiguous.run();
        ambiguous.run();
        metrics.desyncRequests("8080", "defensive", "Compliant").run();
        metrics.failOpenEntered("web");
        metrics.heldRequests("web", 3);
        metrics.clientTimedOut("8080", "request_header");
        metrics.faultApplied("8080", "web", "web-1", "http-latency");
        metrics.limitUse("web", "web-1a2b3c", "maxConnections", 0.5);
        metrics.queue("web", 2, 0.25);
        metrics.failOpenLeft("web");
        metrics.targetStateChanged("web", "web-1a2b3c", "HEALTHY");
        metrics.taskCounts("web", 2, Map.of("RUNNING", 1, "PENDING", 1));
        metrics.taskRestarts("web", 1);
        metrics.taskResources("web", "web-1a2b3c", 42.5, 180_000_000L);
        metrics.scalingDecision("web", 2, "out");
        metrics.alarmAdded("web-5xx", "INSUFFICIENT_DATA");
        metrics.alarmStateChanged("web-5xx", "ALARM");
        return metrics;
    }

    @Test
    void scrapePassesPromtoolCheckMetrics() throws Exception {
        String scrape = populated().scrape();

        Promtool.Result promtool = Promtool.checkMetrics(scrape);
        assertThat(promtool.output()).isEmpty();
        assertThat(promtool.exitCode()).isZero();
    }

    @Test
    void countsRequestHeadsByDesyncClassificationUnderTheListenersMode() {
        assertThat(populated().scrape())
                .contains(
                        "gale_balancer_desync_requests_total{classification=\"Ambiguous\",listener=\"8080\",mode=\"defensive\"} 2.0")
                .contains(
                        "gale_balancer_desync_requests_total{classification=\"Compliant\",listener=\"8080\",mode=\"defensive\"} 1.0");
    }

    @Test
    void countsRequestsByCodeClassAndTheBalancersOwnAnswersAsTargetNone() {
        String scrape = populated().scrape();

        assertThat(scrape)
                .contains(
                        "gale_balancer_requests_total{code_class=\"2xx\",listener=\"8080\",target=\"web-1a2b3c\",target_group=\"web\"} 1.0")
                .contains(
                        "gale_balancer_requests_total{code_class=\"5xx\",listener=\"8080\",target=\"none\",target_group=\"web\"} 1.0")
                .contains(
                        "gale_balancer_rejections_total{listener=\"8080\",reason=\"header-too-large\",target_group=\"none\"} 1.0")
                .contains(
                        "gale_balancer_request_duration_seconds_bucket{listener=\"8080\",target=\"web-1a2b3c\",target_group=\"web\",le=\"0.005\"} 1")
                .contains(
                        "gale_balancer_target_state{state=\"healthy\",target=\"web-1a2b3c\",target_group=\"web\"} 1.0")
                .contains(
                        "gale_balancer_target_state{state=\"unhealthy\",target=\"web-1a2b3c\",target_group=\"web\"} 0.0")
                .contains("gale_balancer_held_requests{target_group=\"web\"} 3.0")
                .contains("gale_balancer_client_timeouts_total{listener=\"8080\",reason=\"request_header\"} 1.0")
                .contains(
                        "gale_balancer_limit_use_ratio{limit=\"maxConnections\",target=\"web-1a2b3c\",target_group=\"web\"} 0.5")
                .contains("gale_balancer_queue_length{target_group=\"web\"} 2.0")
                .contains("gale_balancer_queue_oldest_wait_seconds{target_group=\"web\"} 0.25")
                .contains("gale_fleet_tasks{service=\"web\",state=\"STOPPED\"} 0.0")
                .contains("gale_task_cpu_usage_ratio{service=\"web\",task=\"web-1a2b3c\"} 0.425")
                .contains("gale_autoscaler_decisions_total{direction=\"none\",service=\"web\"} 0.0")
                .contains("gale_alarm_state{alarm=\"web-5xx\",state=\"ALARM\"} 1.0")
                .contains("jvm_memory_used_bytes")
                .contains("process_cpu_seconds_total");
    }

    @Test
    void forgetsTargetsAndTasksThatWentAway() {
        GaleMetrics metrics = populated();

        metrics.targetRemoved("web", "web-1a2b3c");
        metrics.taskRemoved("web", "web-1a2b3c");

        assertThat(metrics.scrape()).doesNotContain("target=\"web-1a2b3c\"").doesNotContain("task=\"web-1a2b3c\"");
    }

    @Test
    void aTargetThatComesBackIsCountedAgainFromZero() {
        GaleMetrics metrics = populated();
        metrics.targetRemoved("web", "web-1a2b3c");

        metrics.requestCompleted("8080", "web", "web-1a2b3c", 200, 1_000_000);

        assertThat(metrics.scrape())
                .contains("gale_balancer_requests_total{code_class=\"2xx\",listener=\"8080\",target=\"web-1a2b3c\","
                        + "target_group=\"web\"} 1.0");
    }

    @Test
    void restartCounterFollowsTheFleetsTotal() {
        GaleMetrics metrics = new GaleMetrics();
        metrics.taskRestarts("web", 2);
        metrics.taskRestarts("web", 2);
        metrics.taskRestarts("web", 5);

        assertThat(metrics.scrape()).contains("gale_fleet_task_restarts_total{service=\"web\"} 5.0");
    }

    @Test
    void rejectsUnknownStatesNamingThem() {
        GaleMetrics metrics = new GaleMetrics();
        assertThatThrownBy(() -> metrics.targetStateChanged("web", "t", "GONE"))
                .hasMessage("state: GONE (expected: one of [initial, healthy, unhealthy, draining])");
        assertThatThrownBy(() -> metrics.scalingDecision("web", 1, "up"))
                .hasMessage("direction: up (expected: one of [out, in, none])");
    }

    @Test
    void everyMetricInDocsMetricsMdIsInTheScrape() throws IOException {
        // The Faults section is published by control's fault registry (control's FaultsTest scrapes it); the rest is
        // this registry's.
        String doc = Files.readString(Path.of("..", "docs", "metrics.md")).replaceAll("(?s)## Faults.*?(?=\n## )", "");
        Set<String> documented = new LinkedHashSet<>();
        Matcher m = Pattern.compile("^\\| `(gale_[a-z_]+)`", Pattern.MULTILINE).matcher(doc);
        while (m.find()) {
            documented.add(m.group(1));
        }
        String scrape = populated().scrape();

        assertThat(documented).hasSize(23);
        for (String name : documented) {
            assertThat(scrape).as(name).containsPattern("(?m)^" + name + "(_bucket)?(\\{| )");
        }
        Matcher typed = Pattern.compile("(?m)^# TYPE (gale_[a-z_]+) ").matcher(scrape);
        while (typed.find()) {
            String family = typed.group(1);
            assertThat(documented).as("documented families").anyMatch(d -> d.startsWith(family));
        }
    }
}
