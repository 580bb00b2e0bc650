package gale.control.experiment;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** The published experiment a built-in reproduces: where it comes from and its figures, to stand beside Gale's. */
public record Seed(String source, List<Figure> figures) {

    public Seed {
        requireNonNull(source, "source");
        figures = List.copyOf(figures);
    }

    /** One of the seed's figures as it printed it, and the measure over the window of the method that matches it. */
    public record Figure(String label, String seed, Measure measure, Window window) {
        public Figure {
            requireNonNull(label, "label");
            requireNonNull(seed, "seed");
            requireNonNull(measure, "measure");
            requireNonNull(window, "window");
            if (!measure.kind().traffic()) {
                throw new IllegalArgumentException("measure: " + measure.kind().key()
                        + " (expected: error-rate, latency, requests or failed: a figure of the load)");
            }
        }
    }
}
