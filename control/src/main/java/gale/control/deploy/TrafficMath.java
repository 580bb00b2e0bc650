package gale.control.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How many tasks of the new revision carry a given share of the traffic (canary, linear), and how old ones share. */
final class TrafficMath {

    private TrafficMath() {}

    /**
     * Enough tasks for {@code weight} percent of the service's traffic as if spread evenly, rounded up, at least one
     * for any weight above 0 (Argo Rollouts with traffic routing scales the canary the same way).
     */
    static int tasksFor(int desired, int weight) {
        if (weight <= 0 || desired <= 0) {
            return 0;
        }
        return Math.max(1, (int) Math.ceil(desired * weight / 100.0));
    }

    /**
     * {@code percent} split between revisions in proportion to their counts, in whole percents that add up to it (the
     * largest remainders get the rounding), in the map's order.
     */
    static Map<Integer, Integer> split(int percent, Map<Integer, Integer> counts) {
        Map<Integer, Integer> out = new LinkedHashMap<>();
        long total = counts.values().stream().mapToLong(Integer::longValue).sum();
        if (total == 0) {
            return out;
        }
        List<Map.Entry<Integer, Long>> remainders = new ArrayList<>();
        int given = 0;
        for (Map.Entry<Integer, Integer> c : counts.entrySet()) {
            long scaled = (long) percent * c.getValue();
            out.put(c.getKey(), (int) (scaled / total));
            given += (int) (scaled / total);
            remainders.add(Map.entry(c.getKey(), scaled % total));
        }
        remainders.sort(Map.Entry.<Integer, Long>comparingByValue().reversed());
        for (int i = 0; given < percent; i++, given++) {
            out.merge(remainders.get(i).getKey(), 1, Integer::sum);
        }
        return out;
    }

    /** {@code revision 2 23%, revision 1 67%}. */
    static String describe(Map<Integer, Integer> percentByRevision) {
        StringBuilder out = new StringBuilder();
        percentByRevision.forEach((revision, percent) -> out.append(out.isEmpty() ? "" : ", ")
                .append("revision ")
                .append(revision)
                .append(' ')
                .append(percent)
                .append('%'));
        return out.toString();
    }
}
