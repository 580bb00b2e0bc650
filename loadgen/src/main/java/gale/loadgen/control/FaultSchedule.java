package gale.loadgen.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gale.loadgen.plan.FaultStep;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Fires a plan's {@code faults:} at their offsets through a Gale control plane's {@code POST /api/faults}, as a user's
 * script would. The control plane reverts each at its duration's end (and every one at its own shutdown); its events
 * put them on the report's timeline. A refused fault is printed, and the test goes on.
 */
public final class FaultSchedule implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI faults;
    private final String token;
    private final PrintStream log;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final List<ScheduledFuture<?>> pending = new ArrayList<>();

    private FaultSchedule(URI control, String token, PrintStream log) {
        String base = control.toString();
        this.faults = URI.create((base.endsWith("/") ? base : base + "/") + "api/faults");
        this.token = token;
        this.log = log;
    }

    /** Schedules every step on {@code clock}, from now. */
    public static FaultSchedule start(
            List<FaultStep> steps, URI control, String token, ScheduledExecutorService clock, PrintStream log) {
        FaultSchedule schedule = new FaultSchedule(control, token, log);
        for (FaultStep step : steps) {
            schedule.pending.add(clock.schedule(
                    // Off the clock's thread: its 1-second ticks must not wait for the control plane.
                    () -> Thread.ofVirtual().name("gale-load-fault").start(() -> schedule.fire(step)),
                    step.at().toNanos(),
                    TimeUnit.NANOSECONDS));
        }
        return schedule;
    }

    /** Injects one fault now; returns its id, or null when the control plane refused it or did not answer. */
    String fire(FaultStep step) {
        HttpRequest.Builder request = HttpRequest.newBuilder(faults)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(step.body().toString()));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = json.readTree(response.body().isEmpty() ? "{}" : response.body());
            if (response.statusCode() / 100 == 2) {
                return body.path("id").asText();
            }
            log.printf(
                    "gale load: fault %s at %ss refused (HTTP %d): %s%n",
                    step.kind(),
                    step.at().toMillis() / 1000.0,
                    response.statusCode(),
                    body.path("error").asText(response.body()));
        } catch (IOException e) {
            log.printf("gale load: fault %s not injected: %s%n", step.kind(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    /** Cancels the steps not fired yet (the test ended early). */
    @Override
    public void close() {
        pending.forEach(future -> future.cancel(false));
    }
}
