package gale.app;

import static gale.app.TestApps.get;
import static gale.app.TestApps.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every route, its success and its errors, against one app on a real H2 database. */
class RoutesTest {

    private static ReferenceApp app;

    @BeforeAll
    static void start() {
        app = TestApps.start("web-abc123", TestApps.freshDatabase());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void helloNamesTheTask() throws Exception {
        HttpResponse<String> response = get(app, "/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("Hello, World! from task web-abc123\n");
        assertThat(response.headers().firstValue("Keep-Alive")).contains("timeout=60");
    }

    @Test
    void whoamiTellsTaskPidHostAndPort() throws Exception {
        JsonObject body = new JsonObject(get(app, "/whoami").body());

        assertThat(body.getString("taskId")).isEqualTo("web-abc123");
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
    void healthChecksTheDatabase() throws Exception {
        HttpResponse<String> response = get(app, "/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(response.body()).getString("status")).isEqualTo("UP");
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
