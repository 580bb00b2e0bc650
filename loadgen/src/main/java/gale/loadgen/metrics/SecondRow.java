package gale.loadgen.metrics;

import gale.loadgen.control.ControlEvent;
import java.util.List;

/**
 * One second of the time series: counts in that second, request-duration percentiles (ms) of that second, gauges at
 * its end, and the control-plane events received during it.
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
        List<ControlEvent> events) {

    public SecondRow {
        events = List.copyOf(events);
    }
}
