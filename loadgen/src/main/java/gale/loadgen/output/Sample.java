package gale.loadgen.output;

/**
 * One recorded sample, copied off the event loop's reusable exchange: a request (its timings in nanoseconds,
 * status, bytes and check results), an iteration, a group's run or a dropped iteration.
 */
record Sample(
        Kind kind,
        int series,
        long epochMillis,
        long durationNanos,
        long blocked,
        long connecting,
        long sending,
        long waiting,
        long receiving,
        int status,
        String error,
        boolean failed,
        long sent,
        long received,
        long checkBits,
        int checkCount,
        String proto) {

    enum Kind {
        REQUEST,
        ITERATION,
        GROUP,
        DROPPED
    }

    static Sample of(Kind kind, int series, long nanos) {
        return new Sample(
                kind, series, System.currentTimeMillis(), nanos, 0, 0, 0, 0, 0, 0, null, false, 0, 0, 0, 0, null);
    }

    boolean passed(int check) {
        return (checkBits & (1L << check)) != 0;
    }
}
