package gale.control.experiment;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Something the method or a rollback does to the stack, through its admin API, as a user's script would. */
public sealed interface Action {

    /** One line for the report, like {@code scale web to 2}. */
    String describe();

    /** Sets a service's desired count ({@code gale scale}). */
    record Scale(String service, int count) implements Action {
        public Scale {
            requireNonNull(service, "service");
            if (count < 0) {
                throw new IllegalArgumentException("count: " + count + " (expected: 0 or more)");
            }
        }

        @Override
        public String describe() {
            return "scale " + service + " to " + count;
        }
    }

    /** Stops {@code count} running tasks of a service, SIGKILL when {@code kill} ({@code gale stop-task}). */
    record StopTask(String service, int count, boolean kill) implements Action {
        public StopTask {
            requireNonNull(service, "service");
            if (count < 1) {
                throw new IllegalArgumentException("count: " + count + " (expected: 1 or more)");
            }
        }

        @Override
        public String describe() {
            return (kill ? "kill " : "stop ") + count + " task(s) of " + service;
        }
    }

    /** A deployment of a service with {@code env} merged in ({@code gale deploy}); waits for its end when asked. */
    record Deploy(
            String service, Map<String, String> env, List<String> command, Optional<String> strategy, boolean awaitEnd)
            implements Action {
        public Deploy {
            requireNonNull(service, "service");
            env = Map.copyOf(env);
            command = List.copyOf(command);
            requireNonNull(strategy, "strategy");
        }

        @Override
        public String describe() {
            return "deploy " + service + (env.isEmpty() ? "" : " with " + env)
                    + strategy.map(s -> " (" + s + ")").orElse("");
        }
    }

    /** A pause. */
    record Wait(Duration duration) implements Action {
        public Wait {
            if (duration == null || duration.isNegative()) {
                throw new IllegalArgumentException("wait: " + duration + " (expected: a duration like 5s)");
            }
        }

        @Override
        public String describe() {
            return "wait " + duration.toMillis() / 1000.0 + "s";
        }
    }

    /** Waits until a state measure is within {@code until} (a task healthy again, a count reached); fails after timeout. */
    record Await(Measure measure, Tolerance until, Duration timeout) implements Action {
        /** How long an {@code await} waits when it names no timeout. */
        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

        public Await {
            requireNonNull(measure, "measure");
            requireNonNull(until, "until");
            if (measure.kind().traffic()) {
                throw new IllegalArgumentException("type: " + measure.kind().key()
                        + " (expected: healthy-targets, running-tasks or metric: a state to wait for)");
            }
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout: " + timeout + " (expected: a duration like 60s)");
            }
        }

        @Override
        public String describe() {
            return "await " + measure.describe() + " "
                    + until.describe(measure.kind().unit());
        }
    }

    /** A fault in the API's form ({@code POST /api/faults}, docs/faults.md). */
    record InjectFault(ObjectNode body) implements Action {
        public InjectFault {
            body = body.deepCopy();
        }

        @Override
        public String describe() {
            return "fault " + body;
        }
    }

    /** An action of the method, run at {@code at} into it when given, else when the one before it is done. */
    record Timed(Optional<Duration> at, Action action) {
        public Timed {
            requireNonNull(at, "at");
            requireNonNull(action, "action");
        }
    }
}
