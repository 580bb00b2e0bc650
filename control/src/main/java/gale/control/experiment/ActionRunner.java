package gale.control.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import gale.control.admin.AdminClient;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.StreamSupport;

/**
 * Does an {@link Action} through the stack's admin API and says what came of it; a refusal or a failed deployment is
 * an {@link IllegalStateException} naming why. Remembers the faults it injected, so that the end of the run can
 * clear any still active.
 */
final class ActionRunner {

    /** The longest a deployment with {@code wait: true} may take before the action counts as failed. */
    static final Duration DEPLOY_TIMEOUT = Duration.ofMinutes(10);

    private static final Duration POLL = Duration.ofMillis(250);

    private final AdminClient admin;
    private final StateProbes state;
    private final Pause pause;
    private final Set<String> faults;

    ActionRunner(AdminClient admin, StateProbes state, Pause pause) {
        this(admin, state, pause, ConcurrentHashMap.newKeySet());
    }

    private ActionRunner(AdminClient admin, StateProbes state, Pause pause, Set<String> faults) {
        this.admin = admin;
        this.state = state;
        this.pause = pause;
        this.faults = faults;
    }

    /** The same runner with waits of their own: rollbacks wait as written even after Ctrl-C cut the method short. */
    ActionRunner forRollbacks() {
        return new ActionRunner(admin, state, new Pause(), faults);
    }

    String run(Action action) throws InterruptedException {
        try {
            return switch (action) {
                case Action.Scale s -> {
                    admin.scale(s.service(), s.count());
                    yield "desired count of " + s.service() + " set to " + s.count();
                }
                case Action.StopTask s -> stopTasks(s);
                case Action.Deploy d -> deploy(d);
                case Action.Wait w -> {
                    pause.sleep(w.duration());
                    yield "waited";
                }
                case Action.Await a -> await(a);
                case Action.InjectFault f -> {
                    String id = admin.injectFault(f.body()).path("id").asText();
                    faults.add(id);
                    yield "fault " + id + " injected";
                }
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("refused by the stack: " + e.getMessage(), e);
        }
    }

    /** Clears every fault this run injected that is still active; the stack reverts each. */
    void clearFaults() {
        for (String id : faults) {
            try {
                admin.clearFaults(id);
            } catch (RuntimeException ended) {
                // It had ended already (its duration, an alarm) or the stack is gone: nothing left to revert here.
            }
        }
        faults.clear();
    }

    private String stopTasks(Action.StopTask s) {
        List<String> running = StreamSupport.stream(admin.status().path("tasks").spliterator(), false)
                .filter(t -> t.path("service").asText().equals(s.service())
                        && t.path("state").asText().equals("RUNNING"))
                .map(t -> t.path("id").asText())
                .limit(s.count())
                .toList();
        if (running.isEmpty()) {
            throw new IllegalStateException("no running task of " + s.service() + " to stop");
        }
        running.forEach(id -> admin.stopTask(id, s.kill()));
        return (s.kill() ? "killed " : "stopped ") + String.join(", ", running);
    }

    private String await(Action.Await a) throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + a.timeout().toNanos();
        double value = state.measure(a.measure());
        while (Double.isNaN(value) || !a.until().holds(value)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(a.measure().describe() + " still " + value + " after " + a.timeout());
            }
            pause.sleep(POLL);
            value = state.measure(a.measure());
        }
        return a.measure().describe() + " = " + a.measure().kind().unit().format(value) + " after "
                + (System.nanoTime() - started) / 1_000_000 + " ms";
    }

    private String deploy(Action.Deploy d) throws InterruptedException {
        JsonNode started = admin.deploy(d.service(), d.env(), d.command(), d.strategy());
        long id = started.path("id").asLong();
        if (!d.awaitEnd()) {
            return "deployment " + id + " started (revision "
                    + started.path("revision").asInt() + ")";
        }
        long deadline = System.nanoTime() + DEPLOY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode now = admin.deployment(id);
            String state = now.path("state").asText();
            if (state.equals("COMPLETED")) {
                return "deployment " + id + " completed (revision "
                        + now.path("revision").asInt() + ")";
            }
            if (state.equals("FAILED")) {
                throw new IllegalStateException(
                        "deployment " + id + " failed: " + now.path("reason").asText());
            }
            pause.sleep(POLL);
        }
        throw new IllegalStateException("deployment " + id + " still in progress after " + DEPLOY_TIMEOUT);
    }
}
