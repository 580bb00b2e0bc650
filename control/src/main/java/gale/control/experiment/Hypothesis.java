package gale.control.experiment;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/**
 * The steady-state hypothesis: its probes, and how they are measured outside the method.
 *
 * @param sampleVus virtual users of the short sample that measures traffic probes before and after the method
 * @param sampleDuration how long that sample runs
 * @param samplePath the path it requests on the stack's listener
 * @param interval how often state probes are sampled during the method
 * @param recovery how long after the method the probes may take to be within tolerance again
 */
public record Hypothesis(
        String title,
        List<Probe> probes,
        int sampleVus,
        Duration sampleDuration,
        String samplePath,
        Duration interval,
        Duration recovery) {

    public static final int DEFAULT_SAMPLE_VUS = 2;
    public static final Duration DEFAULT_SAMPLE_DURATION = Duration.ofSeconds(3);
    public static final String DEFAULT_SAMPLE_PATH = "/";
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_RECOVERY = Duration.ofSeconds(30);

    public Hypothesis {
        requireNonNull(title, "title");
        probes = List.copyOf(probes);
        if (sampleVus < 1 || sampleVus > 1000) {
            throw new IllegalArgumentException("vus: " + sampleVus + " (expected: 1-1000)");
        }
        if (sampleDuration.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("duration: " + sampleDuration + " (expected: 100ms or more)");
        }
        if (!samplePath.startsWith("/")) {
            throw new IllegalArgumentException("path: " + samplePath + " (expected: a path starting with /)");
        }
        if (interval.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("interval: " + interval + " (expected: 100ms or more)");
        }
        if (recovery.isNegative()) {
            throw new IllegalArgumentException("recovery: " + recovery + " (expected: 0s or more)");
        }
    }

    /** Whether any probe is checked in {@code phase}. */
    public boolean checks(Phase phase) {
        return probes.stream().anyMatch(p -> p.tolerance(phase).isPresent());
    }
}
