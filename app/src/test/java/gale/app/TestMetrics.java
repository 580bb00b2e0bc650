package gale.app;

/** Reads one sample of the Prometheus text format. */
final class TestMetrics {

    private TestMetrics() {}

    /** The value of the sample named with its labels, e.g. {@code x_total{a="b"}}; 0 when absent. */
    static double value(String exposition, String sample) {
        return exposition
                .lines()
                .filter(line -> line.startsWith(sample + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(sample.length() + 1)))
                .findFirst()
                .orElse(0);
    }
}
