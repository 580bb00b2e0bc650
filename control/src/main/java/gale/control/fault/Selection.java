package gale.control.fault;

/**
 * Which targets a fault acts on: tasks as FIS's {@code COUNT(n)} / {@code PERCENT(n)} / {@code ALL} selection modes,
 * or the traffic of a target group or of one of its targets.
 *
 * @param service tasks of this service (task faults), or {@code null} for the stack's only service
 * @param count that many of its running tasks, chosen at random; {@code null} unless given
 * @param percent that share of its running tasks, rounded up to whole tasks; {@code null} unless given
 * @param targetGroup traffic faults: this target group's requests, or {@code null} for the stack's default one
 * @param target traffic faults: only the requests sent to this target ({@code HOST:PORT}); {@code null} for all
 */
public record Selection(String service, Integer count, Integer percent, String targetGroup, String target) {

    /** A task fault acts on one task unless told otherwise. */
    public static final int DEFAULT_COUNT = 1;

    public static final Selection DEFAULT = new Selection(null, null, null);

    public Selection(String service, Integer count, Integer percent) {
        this(service, count, percent, null, null);
    }

    public Selection {
        if (count != null && percent != null) {
            throw new IllegalArgumentException(
                    "count: " + count + " (expected: count or percent, not both; percent is " + percent + ")");
        }
        if (count != null && (count < 1 || count > 1000)) {
            throw new IllegalArgumentException("count: " + count + " (expected: 1-1000)");
        }
        if (percent != null && (percent < 1 || percent > 100)) {
            throw new IllegalArgumentException("percent: " + percent + " (expected: 1-100)");
        }
    }

    /** How many of {@code running} tasks to act on: the count, the percent rounded up, or one; never above running. */
    public int taskCount(int running) {
        int wanted =
                percent != null ? (int) Math.ceil(running * percent / 100.0) : count != null ? count : DEFAULT_COUNT;
        return Math.min(wanted, running);
    }
}
