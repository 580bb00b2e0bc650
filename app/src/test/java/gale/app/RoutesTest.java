package gale.app;

import static gale.app.TestApps.get;
import static gale.app.TestApps.post;
import static org.assertj.core.api.Assertions.assertThat;

import gale.app.TestDataTier.Db;
import gale.app.cache.CacheEngine;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** Every route, its success and its errors, against one app on each real database with each cache. */
@ParameterizedClass(name = "{0} database, {1} cache")
@MethodSource("gale.app.TestDataTier#matrix")
class RoutesTest {

    private static ReferenceApp app;

    @Parameter(0)
    Db db;

    @Parameter(1)
    CacheEngine cache;

    @BeforeParameterizedClassInvocation
    static void start(Db db, CacheEngine cache) {
        app = TestApps.start("web-abc123", TestDataTier.freshDatabase(db), TestDataTier.cache(cache));
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        app.close();
    }

    @Test
    void helloNamesTheTask() throws Exception {
        HttpResponse<String> response = get(app, "/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("Hello, World! from task web-abc123 (revision 0)\n");
        assertThat(response.headers().firstValue("Keep-Alive")).contains("timeout=60");
    }

    @Test
    void whoamiTellsTaskPidHostAndPort() throws Exception {
        JsonObject body = new JsonObject(get(app, "/whoami").body());

        assertThat(body.getString("taskId")).isEqualTo("web-abc123");
        assertThat(body.getInteger("revision")).isEqualTo(0);
        assertThat(body.getLong("pid")).isEqualTo(ProcessHandle.current().pid());
        assertThat(body.getString("host")).isNotBlank();
        assertThat(body.getInteger("port")).isEqualTo(app.port());
    }

    @Test
    void seedIsStoredAndReadBack() throws Exception {
        HttpResponse<String> set = post(app, "/seed", "{\"num\": 42}");
        HttpResponse<String> read = get(app, "/seed");

        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(set.body()).getLong("num")).isEqualTo(42);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(new JsonObject(read.body()).getLong("num")).isEqualTo(42);
    }

    @Test
    void seedRejectsBadInputAndKeepsTheValue() throws Exception {
        post(app, "/seed", "{\"num\": 7}");

        HttpResponse<String> notJson = post(app, "/seed", "num=8");
        HttpResponse<String> notInteger = post(app, "/seed", "{\"num\": 1.5}");
        HttpResponse<String> missing = post(app, "/seed", "{}");
        HttpResponse<String> text = post(app, "/seed", "{\"num\": \"9\"}");

        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(error(notJson)).isEqualTo("body: 'num=8' (expected: {\"num\": N} with N an integer)");
        assertThat(notInteger.statusCode()).isEqualTo(400);
        assertThat(error(notInteger)).startsWith("num: '1.5' (expected: an integer");
        assertThat(error(missing)).startsWith("num: missing (expected: an integer");
        assertThat(error(text)).startsWith("num: '9' (expected: an integer");
        assertThat(new JsonObject(get(app, "/seed").body()).getLong("num")).isEqualTo(7);
    }

    @Test
    void shortUrlRedirectsToTheOriginal() throws Exception {
        HttpResponse<String> created = post(app, "/urls", "{\"url\": \"https://example.com/a?b=c\"}");

        assertThat(created.statusCode()).isEqualTo(201);
        JsonObject body = new JsonObject(created.body());
        String code = body.getString("code");
        assertThat(code).matches("[A-Za-z0-9]{7}");
        assertThat(body.getString("shortUrl")).isEqualTo("http://127.0.0.1:" + app.port() + "/u/" + code);
        assertThat(created.headers().firstValue("Location")).contains("/u/" + code);

        HttpResponse<String> redirect = get(app, "/u/" + code);

        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Location")).contains("https://example.com/a?b=c");
    }

    @Test
    void shortUrlRejectsBadUrlsAndUnknownCodes() throws Exception {
        HttpResponse<String> ftp = post(app, "/urls", "{\"url\": \"ftp://example.com/file\"}");
        HttpResponse<String> relative = post(app, "/urls", "{\"url\": \"/just/a/path\"}");
        HttpResponse<String> broken = post(app, "/urls", "{\"url\": \"http://exa mple.com\"}");
        HttpResponse<String> missing = post(app, "/urls", "{\"link\": \"http://example.com\"}");
        HttpResponse<String> unknown = get(app, "/u/nope123");
        HttpResponse<String> malformed = get(app, "/u/not-a-code!");

        assertThat(ftp.statusCode()).isEqualTo(400);
        assertThat(error(ftp)).isEqualTo("url: 'ftp://example.com/file' (expected: an absolute http or https URL)");
        assertThat(relative.statusCode()).isEqualTo(400);
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(error(broken)).startsWith("url: 'http://exa mple.com' (expected: a valid URL");
        assertThat(error(missing)).isEqualTo("url: missing (expected: an absolute http or https URL)");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(error(unknown)).isEqualTo("code: 'nope123' (expected: a code made by POST /urls)");
        assertThat(malformed.statusCode()).isEqualTo(404);
    }

    @Test
    void stressRejectsBadDurations() throws Exception {
        HttpResponse<String> tooLong = post(app, "/stress", "{\"seconds\": 601}");
        HttpResponse<String> zero = post(app, "/stress", "{\"seconds\": 0}");
        HttpResponse<String> text = post(app, "/stress", "{\"seconds\": \"ten\"}");
        HttpResponse<String> empty = post(app, "/stress", "");

        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(error(tooLong)).isEqualTo("seconds: '601' (expected: a number above 0, at most 600)");
        assertThat(error(zero)).isEqualTo("seconds: '0' (expected: a number above 0, at most 600)");
        assertThat(error(text)).isEqualTo("seconds: 'ten' (expected: a number above 0, at most 600)");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(error(empty)).startsWith("body: '' (expected: {\"seconds\": S}");
    }

    @Test
    void healthSaysTheTaskLivesAndReadySaysTheDatabaseAnswers() throws Exception {
        HttpResponse<String> health = get(app, "/health");
        HttpResponse<String> ready = get(app, "/ready");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(health.body()).getString("status")).isEqualTo("UP");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(ready.body()).getString("database")).isEqualTo("UP");
    }

    @Test
    void catalogueFindsAProductBySkuAndRejectsBadSkus() throws Exception {
        HttpResponse<String> found = get(app, "/catalogue?sku=SKU-019999");
        HttpResponse<String> unknown = get(app, "/catalogue?sku=SKU-020000");
        HttpResponse<String> missing = get(app, "/catalogue");
        HttpResponse<String> bad = get(app, "/catalogue?sku=a%20b");

        assertThat(found.statusCode()).isEqualTo(200);
        JsonObject product = new JsonObject(found.body());
        assertThat(product.getInteger("id")).isEqualTo(19_999);
        assertThat(product.getString("sku")).isEqualTo("SKU-019999");
        assertThat(product.getString("category")).isEqualTo("category-19");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(error(unknown)).isEqualTo("sku: 'SKU-020000' (expected: one of SKU-000000 to SKU-019999)");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(error(missing)).isEqualTo("sku: missing (expected: a sku such as SKU-001234)");
        assertThat(bad.statusCode()).isEqualTo(400);
    }

    @Test
    void headAnswersEveryGetRouteWithItsHeadersAndNoBody() throws Exception {
        String code = new JsonObject(post(app, "/urls", "{\"url\": \"https://example.com/h\"}")
                        .body())
                .getString("code");
        for (String path : List.of(
                "/",
                "/whoami",
                "/seed",
                "/u/" + code,
                "/catalogue?sku=SKU-000001",
                "/health",
                "/ready",
                "/metrics",
                "/delay?ms=1")) {
            HttpResponse<String> get = get(app, path);
            HttpResponse<String> head = TestApps.head(app, path);

            assertThat(head.statusCode()).as("HEAD %s", path).isEqualTo(get.statusCode());
            assertThat(head.body()).as("HEAD %s", path).isEmpty();
            assertThat(head.headers().firstValue("Content-Type"))
                    .as("HEAD %s", path)
                    .isEqualTo(get.headers().firstValue("Content-Type"));
        }
        assertThat(TestApps.head(app, "/nowhere").statusCode()).isEqualTo(404);
    }

    @Test
    void cacheCountsHitsAndMissesOfShortUrlsAndTheDatabaseIsAskedOnlyOnMisses() throws Exception {
        String code = new JsonObject(post(app, "/urls", "{\"url\": \"https://example.com/c\"}")
                        .body())
                .getString("code");
        double queriesBefore =
                TestMetrics.value(get(app, "/metrics").body(), "gale_app_db_queries_total{query=\"url_select\"}");

        for (int i = 0; i < 5; i++) {
            assertThat(get(app, "/u/" + code).statusCode()).isEqualTo(302);
        }

        String metrics = get(app, "/metrics").body();
        double queries = TestMetrics.value(metrics, "gale_app_db_queries_total{query=\"url_select\"}") - queriesBefore;
        if (cache == CacheEngine.NONE) {
            assertThat(queries).isEqualTo(5);
            assertThat(metrics).doesNotContain("gale_app_cache_requests_total{cache=\"url\"");
        } else {
            assertThat(queries).isEqualTo(1);
            assertThat(TestMetrics.value(metrics, "gale_app_cache_requests_total{cache=\"url\",result=\"hit\"}"))
                    .isGreaterThanOrEqualTo(4);
            assertThat(TestMetrics.value(metrics, "gale_app_cache_requests_total{cache=\"url\",result=\"miss\"}"))
                    .isGreaterThanOrEqualTo(1);
            assertThat(metrics).contains("gale_app_cache_duration_seconds_bucket{cache=\"url\"");
        }
        assertThat(metrics)
                .contains("hikaricp_connections_max{pool=\"gale-app-web-abc123\"} 8.0")
                .contains("hikaricp_connections_active{pool=\"gale-app-web-abc123\"}")
                .contains("hikaricp_connections_acquire_seconds_count{pool=\"gale-app-web-abc123\"}");
    }

    @Test
    void delayAnswersAfterTheDelayAndValidatesIt() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> slow = get(app, "/delay?ms=300");

        assertThat(slow.statusCode()).isEqualTo(200);
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);
        assertThat(get(app, "/delay?ms=-1").statusCode()).isEqualTo(400);
        assertThat(error(get(app, "/delay?ms=abc"))).isEqualTo("ms: 'abc' (expected: 0-30000)");
    }

    @Test
    void unknownPathsMethodsAndHugeBodiesGetClearErrors() throws Exception {
        HttpResponse<String> unknown = get(app, "/nope");
        HttpResponse<String> wrongMethod = TestApps.send(
                app, HttpRequest.newBuilder(TestApps.uri(app, "/seed")).DELETE());
        HttpResponse<String> huge = post(app, "/seed", "{\"num\": 1, \"pad\": \"" + "x".repeat(70_000) + "\"}");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(error(unknown)).startsWith("path: '/nope' (expected: one of /, /seed");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(error(wrongMethod)).isEqualTo("method: DELETE (expected: another method for /seed)");
        assertThat(huge.statusCode()).isEqualTo(413);
    }

    private static String error(HttpResponse<String> response) {
        return new JsonObject(response.body()).getString("error");
    }
}
