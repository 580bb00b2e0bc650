package gale.control.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import gale.balancer.BalancerObserver;
import gale.control.Stack;
import gale.control.StackOptions;
import gale.control.stack.StackConfig;
import gale.loadgen.LoadOutput;
import gale.loadgen.LoadResult;
import gale.loadgen.LoadRun;
import gale.loadgen.plan.LoadPlan;
import gale.loadgen.plan.PlanFlags;
import gale.loadgen.report.LiveDashboard;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The dashboard in a real headless Chromium, over the default stack (two tasks of the reference app): one stack and
 * one browser for the class, the tests in order. Screenshots go to {@code target/screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {

    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration LIVE = Duration.ofSeconds(5);

    private Path stateRoot;
    private Stack stack;
    private Browser browser;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        stateRoot = Files.createTempDirectory("gale-dashboard-test");
        stack = Stack.start(
                StackConfig.defaults().withFirstListenerPort(0).withWarmup(Duration.ZERO),
                new StackOptions("127.0.0.1", 0, stateRoot, Clock.systemUTC(), BalancerObserver.NOOP));
        await().atMost(START).until(() -> healthyTasks().size() == 2);
        browser = new Browser(1280, 900);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void showsBothHealthyTargetsAndAChartWithData_fromTheAdminPortOnly() throws Exception {
        // The first load starts the browser's own caches and the server's code paths; the second is measured.
        for (int load = 0; load < 2; load++) {
            browser.driver.get(stack.adminUrl().toString());
            await().atMost(LIVE).until(() -> "true".equals(browser.script("return document.body.dataset.ready || ''")));
        }
        for (int i = 0; i < 200; i++) {
            http.send(HttpRequest.newBuilder(stack.listenerUrl(0)).build(), HttpResponse.BodyHandlers.discarding());
        }

        await().atMost(LIVE)
                .untilAsserted(() -> assertThat(targetStates().values()).containsExactly("HEALTHY", "HEALTHY"));
        await().atMost(LIVE)
                .untilAsserted(
                        () -> assertThat(((Number) browser.script("const d = galeDashboard.charts.requests.data[1];"
                                                + " return d.reduce((a, v) => a + (v || 0), 0);"))
                                        .doubleValue())
                                .as("requests drawn on the req/s chart")
                                .isGreaterThanOrEqualTo(200));
        assertThat(browser.driver
                        .findElement(By.cssSelector("#chart-requests canvas"))
                        .getSize()
                        .getWidth())
                .isGreaterThan(300);
        Map<?, ?> figures = (Map<?, ?>) browser.script("const n = performance.getEntriesByType('navigation')[0];"
                + " const r = performance.getEntriesByType('resource');"
                + " const paint = performance.getEntriesByName('first-contentful-paint')[0];"
                + " return {bytes: n.encodedBodySize + r.reduce((a, e) => a + e.encodedBodySize, 0),"
                + " decoded: n.decodedBodySize + r.reduce((a, e) => a + e.decodedBodySize, 0),"
                + " domContentLoaded: n.domContentLoadedEventEnd, firstPaint: paint ? paint.startTime : -1,"
                + " firstData: galeDashboard.firstRender};");
        System.out.printf(
                "dashboard: %.1f KB on the wire (%.1f KB decoded), DOMContentLoaded %.0f ms, first contentful paint"
                        + " %.0f ms, first snapshot rendered %.0f ms after navigation%n",
                ((Number) figures.get("bytes")).doubleValue() / 1024,
                ((Number) figures.get("decoded")).doubleValue() / 1024,
                ((Number) figures.get("domContentLoaded")).doubleValue(),
                ((Number) figures.get("firstPaint")).doubleValue(),
                ((Number) figures.get("firstData")).doubleValue());
        String origin = "http://127.0.0.1:" + stack.adminPort() + "/";
        assertThat(browser.requestsSent())
                .isNotEmpty()
                .allSatisfy(url -> assertThat(url).startsWith(origin));
        browser.screenshot("dashboard-1280", true);
    }

    @Test
    @Order(2)
    void anActionWithoutTheTokenIsRefused() {
        String task = healthyTasks().getFirst();
        Number refused = (Number) browser.driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + " fetch('/api/tasks/' + arguments[0] + '/stop', {method: 'POST', body: '{\"kill\":true}'})"
                        + ".then(r => done(r.status));",
                task);
        assertThat(refused.intValue()).isEqualTo(401);

        browser.script("sessionStorage.setItem('gale.adminToken', 'not-the-token')");
        browser.driver
                .findElement(By.cssSelector("button[data-act='kill'][data-task='" + task + "']"))
                .click();
        await().atMost(LIVE)
                .untilAsserted(() -> assertThat(
                                browser.driver.findElement(By.id("notice")).getText())
                        .contains("refused (401)"));
        assertThat(browser.script("return sessionStorage.getItem('gale.adminToken')"))
                .as("a refused token is forgotten")
                .isNull();
        assertThat(healthyTasks()).contains(task);
    }

    @Test
    @Order(3)
    void aTaskStoppedThroughTheApiIsSeenDrainingThenReplaced_withoutAReload() throws Exception {
        browser.script("window.galeSameLoad = 'yes'");
        List<String> before = healthyTasks();
        String victim = before.getFirst();
        HttpResponse<String> stopped = http.send(
                HttpRequest.newBuilder(URI.create(stack.adminUrl() + "api/tasks/" + victim + "/stop"))
                        .header("Authorization", "Bearer " + stack.directory().token())
                        .POST(HttpRequest.BodyPublishers.ofString("{\"kill\":false}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(stopped.statusCode()).isEqualTo(200);
        long stoppedAt = System.nanoTime();

        await().atMost(LIVE).pollInterval(Duration.ofMillis(50)).until(() -> eventShown("task.draining", victim));
        browser.screenshot("dashboard-stop-draining", false);
        await().atMost(LIVE)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> !taskRowsOnPage().keySet().stream()
                        .filter(id -> !before.contains(id))
                        .toList()
                        .isEmpty());
        long seenMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppedAt);
        System.out.printf("dashboard: %s stopped; draining and its replacement shown within %d ms%n", victim, seenMs);
        assertThat(taskRowsOnPage().get(victim)).isIn("DRAINING", "STOPPED");
        assertThat(browser.script("return window.galeSameLoad")).isEqualTo("yes");
        await().atMost(START).until(() -> healthyTasks().size() == 2);
        await().atMost(LIVE)
                .untilAsserted(() -> assertThat(targetStates().values()).containsExactly("HEALTHY", "HEALTHY"));
        browser.screenshot("dashboard-stop-replaced", true);
    }

    @Test
    @Order(4)
    void aKillAndAScaleOutFromThePage_withTheToken() {
        String victim = healthyTasks().getFirst();
        browser.script(
                "sessionStorage.setItem('gale.adminToken', arguments[0])",
                stack.directory().token());
        browser.driver
                .findElement(By.cssSelector("button[data-act='kill'][data-task='" + victim + "']"))
                .click();
        await().atMost(LIVE).until(() -> "STOPPED".equals(taskRowsOnPage().get(victim)));
        browser.screenshot("dashboard-kill", true);
        await().atMost(START).until(() -> healthyTasks().size() == 2);

        WebElement desired = browser.driver.findElement(By.cssSelector("[data-service='web'] input"));
        desired.clear();
        desired.sendKeys("3");
        browser.driver
                .findElement(By.cssSelector("[data-service='web'] button[type='submit']"))
                .click();
        await().atMost(LIVE)
                .until(() -> taskRowsOnPage().values().stream()
                                .filter(s -> !s.equals("STOPPED"))
                                .count()
                        == 3);
        browser.screenshot("dashboard-scale-out", true);
        await().atMost(START).until(() -> healthyTasks().size() == 3);
        await().atMost(LIVE)
                .until(() -> targetStates().values().stream()
                                .filter("HEALTHY"::equals)
                                .count()
                        == 3);
        browser.screenshot("dashboard-scaled-out", true);
        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        browser.screenshot("dashboard-phone", false);
        assertThat(((Number) browser.script("return document.documentElement.scrollWidth")).intValue())
                .as("no sideways scrolling of the page on a phone (wide tables scroll in their own box)")
                .isLessThanOrEqualTo(390);
        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
    }

    @Test
    @Order(5)
    void theLoadReportIsLiveDuringTheRun_thenOpensFromItsFileWithNoNetworkRequest() throws Exception {
        Path report = stateRoot.resolve("report.html");
        LoadPlan plan = new PlanFlags(
                        stack.listenerUrl(0).toString(),
                        null,
                        null,
                        null,
                        null,
                        null,
                        "3s:5,4s:10",
                        null,
                        "20ms",
                        null,
                        List.of(),
                        null,
                        List.of("http_req_duration: p(95)<500"),
                        null,
                        1,
                        null)
                .toPlan();
        try (LiveDashboard live = LiveDashboard.start("127.0.0.1", 0)) {
            LoadRun run = LoadRun.start(
                    plan,
                    LoadOutput.quiet(new PrintStream(OutputStream.nullOutputStream()))
                            .withControl(stack.adminUrl())
                            .withReport(report)
                            .withDashboard(live));
            browser.driver.get(live.url().toString());
            await().atMost(LIVE).until(() -> (Long) browser.script("return galeReport.cols.t.length") >= 2);
            assertThat(browser.script("return galeReport.data.finished || false"))
                    .isEqualTo(false);
            stopTask(healthyTasks().getFirst());
            await().atMost(LIVE).until(() -> (Long) browser.script("return galeReport.cols.t.length") >= 5);
            browser.screenshot("load-live", true);
            LoadResult result = run.await();
            assertThat(result.results().count("http_reqs")).isPositive();
            await().atMost(LIVE).until(() -> (Boolean) browser.script("return galeReport.data.finished === true"));
            assertThat(browser.driver.findElement(By.id("threshold-list")).getText())
                    .contains("p(95)<500");
        }
        browser.requestsSent();

        browser.driver.get(report.toUri().toString());
        await().atMost(LIVE).until(() -> "true".equals(browser.script("return document.body.dataset.ready || ''")));
        assertThat(browser.script("return galeReport.charts.latency.scales.y.distr"))
                .isEqualTo(3L);
        assertThat(browser.script("return galeReport.charts.percentiles.series.map(s => s.label).slice(1)"))
                .isEqualTo(List.of("all requests", "default #1", "default #2"));
        assertThat((Long) browser.script("return galeReport.cols.reqs.reduce((a, v) => a + v, 0)"))
                .isPositive();
        assertThat(browser.driver.findElement(By.id("event-list")).getText()).contains("task.draining");
        assertThat(browser.requestsSent())
                .as("every request the report made stays in the file")
                .allSatisfy(url -> assertThat(url).matches("^(file|data):.*"));
        browser.screenshot("load-report", true);
        System.out.printf(
                "report: %.1f KB for a %d-second test%n",
                Files.size(report) / 1024.0, (Long) browser.script("return galeReport.cols.t.length"));
    }

    private void stopTask(String id) throws Exception {
        HttpResponse<String> stopped = http.send(
                HttpRequest.newBuilder(URI.create(stack.adminUrl() + "api/tasks/" + id + "/stop"))
                        .header("Authorization", "Bearer " + stack.directory().token())
                        .POST(HttpRequest.BodyPublishers.ofString("{\"kill\":false}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(stopped.statusCode()).isEqualTo(200);
    }

    /** Target row key to state, as the page's balancer table shows them (one round trip to the browser). */
    @SuppressWarnings("unchecked")
    private Map<String, String> targetStates() {
        return (Map<String, String>) browser.script("const out = {};"
                + " document.querySelectorAll('#balancer-rows tr.target').forEach(tr =>"
                + " out[tr.dataset.key] = tr.querySelector('td.state').textContent); return out;");
    }

    /** Task id to state, as the page's services table shows them. */
    @SuppressWarnings("unchecked")
    private Map<String, String> taskRowsOnPage() {
        return (Map<String, String>) browser.script("const out = {};"
                + " document.querySelectorAll('#service-list tr.task').forEach(tr =>"
                + " out[tr.dataset.key.slice(5)] = tr.querySelector('td.state').textContent); return out;");
    }

    /** Whether the page's event list shows an event of {@code type} about {@code subject}. */
    private boolean eventShown(String type, String subject) {
        return (Boolean) browser.script(
                "return [...document.querySelectorAll('#event-list li')].some(li => li.dataset.type === arguments[0]"
                        + " && li.textContent.includes(arguments[1]));",
                type,
                subject);
    }

    private List<String> healthyTasks() {
        JsonNode status = stack.status();
        Set<String> healthy = StreamSupport.stream(status.path("tasks").spliterator(), false)
                .filter(t -> t.path("state").asText().equals("RUNNING")
                        && t.path("health").asText().equals("healthy"))
                .map(t -> t.path("id").asText())
                .collect(Collectors.toSet());
        return healthy.stream().sorted().toList();
    }
}
