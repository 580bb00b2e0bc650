package gale.loadgen.report;

import gale.loadgen.control.ControlEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The faults on the report's timeline: a shaded band from each {@code fault.started} event to its {@code fault.ended}
 * (the same fault id), or to the end of the test if it outlasted it; the events' own markers stay on top. Seconds are
 * counted from {@code startMillis}.
 */
final class FaultBands {

    static final String STARTED = "fault.started";
    static final String ENDED = "fault.ended";

    private FaultBands() {}

    /** One band per fault, in start order. */
    record Band(String faultId, double fromSecond, double toSecond, String label) {}

    static List<Band> of(List<ControlEvent> events, long startMillis, double lastSecond) {
        List<Band> bands = new ArrayList<>();
        for (ControlEvent started : events) {
            if (!started.type().equals(STARTED)) {
                continue;
            }
            double from = (started.time().toEpochMilli() - startMillis) / 1000.0;
            double to = events.stream()
                    .filter(e -> e.type().equals(ENDED) && e.subject().equals(started.subject()))
                    .mapToDouble(e -> (e.time().toEpochMilli() - startMillis) / 1000.0)
                    .findFirst()
                    .orElse(lastSecond);
            bands.add(new Band(started.subject(), from, Math.max(from, to), started.label()));
        }
        return bands;
    }
}
