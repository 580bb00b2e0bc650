package gale.loadgen.feed;

import java.util.Locale;

/** Gatling's feeder strategies: the order records are taken in, and what happens when all were taken. */
public enum Strategy {
    /** In file order, each record once; then the scenario stops (Gatling's default). */
    QUEUE,
    /** A record picked at random each time; never runs out. */
    RANDOM,
    /** In file order, starting over after the last; never runs out. */
    CIRCULAR,
    /** In an order shuffled once, each record once; then the scenario stops. */
    SHUFFLE;

    public static Strategy parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' (expected: queue, random, circular or shuffle)");
        }
    }
}
