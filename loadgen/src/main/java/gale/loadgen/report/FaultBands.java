package gale.loadgen.report;

import gale.loadgen.control.ControlEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/**
 * The faults on a chart's timeline: a shaded band from each {@code fault.started} event to its {@code fault.ended}
 * (the same fault id), or to the end of the test if it outlasted it; the events' own markers stay on top.
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

    /** SVG rectangles for the bands; {@code x} maps a second to the chart's x. */
    static void draw(StringBuilder h, List<Band> bands, DoubleUnaryOperator x, int top, int bottom) {
        for (Band band : bands) {
            double from = x.applyAsDouble(band.fromSecond());
            double width = Math.max(1.5, x.applyAsDouble(band.toSecond()) - from);
            h.append(String.format(
                    Locale.ROOT,
                    "<rect class=\"fault\" data-fault=\"%s\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\""
                            + " fill=\"#f59e0b\" fill-opacity=\"0.18\"><title>%s</title></rect>",
                    HtmlReport.esc(band.faultId()),
                    from,
                    top,
                    width,
                    bottom - top,
                    HtmlReport.esc(band.label())));
        }
    }
}
