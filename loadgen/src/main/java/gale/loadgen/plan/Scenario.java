package gale.loadgen.plan;

import gale.loadgen.journey.Journey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A scenario: an executor that runs iterations, each iteration the {@code requests} in order then {@code think}
 * (k6's {@code sleep} at the end of the default function). {@code startTime} offsets it from the test's start;
 * {@code gracefulStop} is how long in-flight iterations may finish after its time is up. With a {@code journey} an
 * iteration is its steps instead, and {@code requests} are the journey's requests (for metrics and connections).
 */
public record Scenario(
        String name,
        ExecutorSpec executor,
        List<RequestSpec> requests,
        Duration think,
        Duration startTime,
        Duration gracefulStop,
        Map<String, String> tags,
        Journey journey) {

    public static final Duration DEFAULT_GRACEFUL_STOP = Duration.ofSeconds(30);

    public Scenario {
        if (name == null || !name.matches("[A-Za-z0-9_.-]+")) {
            throw PlanException.field("name", "'" + name + "'", "letters, digits, '_', '.', '-'");
        }
        Objects.requireNonNull(executor, "executor");
        if (requests == null || requests.isEmpty()) {
            throw PlanException.field("requests", "[]", "at least one request");
        }
        requests = List.copyOf(requests);
        think = nonNegative("think", think, Duration.ZERO);
        startTime = nonNegative("startTime", startTime, Duration.ZERO);
        gracefulStop = nonNegative("gracefulStop", gracefulStop, DEFAULT_GRACEFUL_STOP);
        tags = Map.copyOf(Objects.requireNonNullElse(tags, Map.of()));
        if (journey != null && !journey.shapes().equals(requests)) {
            throw new IllegalArgumentException("requests: not the journey's requests");
        }
    }

    /** A scenario of fixed requests (no journey). */
    public Scenario(
            String name,
            ExecutorSpec executor,
            List<RequestSpec> requests,
            Duration think,
            Duration startTime,
            Duration gracefulStop,
            Map<String, String> tags) {
        this(name, executor, requests, think, startTime, gracefulStop, tags, null);
    }

    /** A scenario whose iterations walk {@code journey}. */
    public static Scenario ofJourney(
            String name,
            ExecutorSpec executor,
            Journey journey,
            Duration think,
            Duration startTime,
            Duration gracefulStop,
            Map<String, String> tags) {
        return new Scenario(name, executor, journey.shapes(), think, startTime, gracefulStop, tags, journey);
    }

    /** When the scenario stops starting iterations, from the test's start. */
    public Duration end() {
        return startTime.plus(executor.length());
    }

    private static Duration nonNegative(String field, Duration value, Duration otherwise) {
        if (value == null) {
            return otherwise;
        }
        if (value.isNegative()) {
            throw PlanException.field(field, Durations.format(value), ">= 0s");
        }
        return value;
    }
}
