package gale.loadgen.output;

import java.util.Map;

/** One k6 data point: a metric's value at a time, with its tags. */
record Point(String metric, long epochMillis, double value, Map<String, String> tags) {}
