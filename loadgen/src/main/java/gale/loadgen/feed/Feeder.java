package gale.loadgen.feed;

import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Test data that steps take into variables, one record per {@code feed} step. A feeder is one object shared by all
 * VUs of all event loops (the data is never copied per VU), so {@link #next} is thread-safe.
 */
public interface Feeder {

    /** The name steps refer to it by. */
    String name();

    /** The next record, or null when a {@code queue} or {@code shuffle} feeder has given every record once. */
    Map<String, String> next(RandomGenerator random);
}
