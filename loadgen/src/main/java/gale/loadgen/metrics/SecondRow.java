package gale.loadgen.metrics;

import gale.loadgen.control.ControlEvent;
import java.util.List;
import java.util.Map;

/**
 * One second of the time series: counts in that second, request-duration percentiles (ms) of that second, gauges at
 * its end, the control-plane events received during it, and its outcomes: responses by status class ({@code 2xx} ...
 * {@code 5xx}) and failures without a response by kind ({@code timeout}, {@code refused}, ...), only those seen.
 */
public record SecondRow(
        long second,
        long epochMillis,
        int vus,
        int vusMax,
        long requests,
        long failed,
        double avg,
        double p50,
        double p90,
        double p95,
        double p99,
        double max,
        long iterations,
        long dropped,
        long dataSent,
        long dataReceived,
        List<ControlEvent> events,
        Map<String, Long> outcomes) {

    public SecondRow {
        events = List.copyOf(events);
        outcomes = Map.copyOf(outcomes);
    }
}
