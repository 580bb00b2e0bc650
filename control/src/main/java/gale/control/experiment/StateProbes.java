package gale.control.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import gale.control.admin.AdminClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * State measures, read from the stack as any client would: healthy targets and running tasks from {@code GET
 * /api/status}, any published metric from {@code GET /metrics} (Prometheus text; the samples whose labels match are
 * added).
 */
final class StateProbes {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final AdminClient admin;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    StateProbes(AdminClient admin) {
        this.admin = admin;
    }

    /** The measure now; NaN when the stack does not answer. */
    double measure(Measure measure) {
        try {
            return switch (measure.kind()) {
                case HEALTHY_TARGETS -> healthyTargets(admin.status(), measure.subject());
                case RUNNING_TASKS -> runningTasks(admin.status(), measure.subject());
                case METRIC -> PrometheusText.sum(metrics(), measure.subject(), measure.labels());
                default ->
                    throw new IllegalArgumentException(
                            "not a state measure: " + measure.kind().key());
            };
        } catch (IllegalStateException e) {
            return Double.NaN;
        }
    }

    static int healthyTargets(JsonNode status, String targetGroup) {
        int count = 0;
        for (JsonNode t : status.path("targets")) {
            if (t.path("state").asText().equals("HEALTHY")
                    && (targetGroup.isEmpty() || t.path("targetGroup").asText().equals(targetGroup))) {
                count++;
            }
        }
        return count;
    }

    static int runningTasks(JsonNode status, String service) {
        int count = 0;
        for (JsonNode t : status.path("tasks")) {
            if (t.path("state").asText().equals("RUNNING")
                    && (service.isEmpty() || t.path("service").asText().equals(service))) {
                count++;
            }
        }
        return count;
    }

    /** Whether every service runs its desired count of tasks, each healthy: a started stack is ready. */
    static boolean ready(JsonNode status) {
        for (JsonNode s : status.path("services")) {
            int healthy = 0;
            for (JsonNode t : status.path("tasks")) {
                if (t.path("service").asText().equals(s.path("name").asText())
                        && t.path("state").asText().equals("RUNNING")
                        && t.path("health").asText().equals("healthy")) {
                    healthy++;
                }
            }
            if (healthy < s.path("desiredCount").asInt()) {
                return false;
            }
        }
        return true;
    }

    private String metrics() {
        URI uri = admin.base().resolve("/metrics");
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(uri + ": HTTP " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(uri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
