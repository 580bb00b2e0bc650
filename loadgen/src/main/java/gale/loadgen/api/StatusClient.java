package gale.loadgen.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** {@code gale load control}'s side of the API: reads and patches a running {@code gale load}'s status. */
public final class StatusClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI uri;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public StatusClient(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        this.uri = URI.create(
                "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort() + StatusApi.PATH);
    }

    public RunStatus status() {
        return send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build());
    }

    public RunStatus patch(StatusPatch patch) {
        return send(HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(patch.toJson()))
                .build());
    }

    private RunStatus send(HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ApiException(
                    0,
                    "no gale load answers at " + uri.getAuthority() + " (" + e.getMessage()
                            + "): is a test running, and on this --address?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(0, "interrupted");
        }
        if (response.statusCode() != 200) {
            throw new ApiException(response.statusCode(), message(response.body()));
        }
        return RunStatus.fromJson(response.body());
    }

    private static String message(String body) {
        try {
            String title = new ObjectMapper()
                    .readTree(body)
                    .path("errors")
                    .path(0)
                    .path("title")
                    .asText("");
            return title.isEmpty() ? RunStatus.abbreviate(body) : title;
        } catch (IOException e) {
            return RunStatus.abbreviate(body);
        }
    }
}
