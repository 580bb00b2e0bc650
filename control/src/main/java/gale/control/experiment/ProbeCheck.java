package gale.control.experiment;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A probe checked in one phase: the value that decided it (during the method: the load's over the window, or the
 * worst state sample), whether it was within tolerance, and every state sample taken.
 *
 * @param value NaN when nothing could be measured (no requests in the window, the stack did not answer)
 */
public record ProbeCheck(Probe probe, Phase phase, double value, boolean held, String note, List<Sample> samples) {

    public ProbeCheck {
        requireNonNull(probe, "probe");
        requireNonNull(phase, "phase");
        requireNonNull(note, "note");
        samples = List.copyOf(samples);
    }

    public Tolerance tolerance() {
        return probe.tolerance(phase).orElseThrow();
    }

    /** The value as the report shows it, in the probe's unit. */
    public String shown() {
        return Double.isNaN(value) ? "no data" : probe.measure().kind().unit().format(value);
    }

    /** One reading of a state probe during the method, {@code offsetMillis} after it started. */
    public record Sample(long offsetMillis, double value) {}
}
