package gale.app;

import gale.app.cache.CacheConfig;
import gale.app.data.DataConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/** Starts apps on port 0 against real databases ({@link TestDataTier}), and speaks HTTP to them. */
final class TestApps {

    static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private TestApps() {}

    /** An in-memory H2 database of its own. */
    static String freshDatabase() {
        return "jdbc:h2:mem:test-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    static ReferenceApp start(String taskId, String dbUrl) {
        return ReferenceApp.start(AppConfig.onPort(0).withTaskId(taskId).withDbUrl(dbUrl));
    }

    static ReferenceApp start(String taskId, DataConfig database, CacheConfig cache) {
        return ReferenceApp.start(
                AppConfig.onPort(0).withTaskId(taskId).withDatabase(database).withCache(cache));
    }

    static HttpResponse<String> head(ReferenceApp app, String path) throws IOException, InterruptedException {
        return send(app, HttpRequest.newBuilder(uri(app, path)).method("HEAD", HttpRequest.BodyPublishers.noBody()));
    }

    static HttpResponse<String> get(ReferenceApp app, String path) throws IOException, InterruptedException {
        return send(app, HttpRequest.newBuilder(uri(app, path)).GET());
    }

    static HttpResponse<String> post(ReferenceApp app, String path, String json)
            throws IOException, InterruptedException {
        return send(
                app,
                HttpRequest.newBuilder(uri(app, path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    static HttpResponse<String> send(ReferenceApp app, HttpRequest.Builder request)
            throws IOException, InterruptedException {
        return CLIENT.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static URI uri(ReferenceApp app, String path) {
        return URI.create("http://127.0.0.1:" + app.port() + path);
    }
}
