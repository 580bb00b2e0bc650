package gale.monitor.series;

import java.time.Instant;
import java.util.List;

/** Read side of the series, what alarms and the API need. */
public interface SeriesReader {
    /** The seconds in {@code [from, to)} that hold data, oldest first. */
    List<Datapoint> range(SeriesKey key, Instant from, Instant to);

    /** Statistics over {@code [from, to)}; {@link Statistics#EMPTY} when nothing was recorded. */
    Statistics statistics(SeriesKey key, Instant from, Instant to);
}
