package gale.loadgen.segment;

import gale.loadgen.plan.PlanException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One worker's share of a test, with k6's semantics: the segment {@code from:to} of the sequence that splits [0, 1]
 * among the workers. Integers (VUs, iterations) are split by striping: over every run of {@code lcd} consecutive
 * indices (lcd being the least common denominator of the segments' lengths) each segment owns
 * {@code length × lcd} of them, spread as evenly as k6 spreads them, so the workers' shares of any value add up to
 * it exactly and every global iteration index belongs to exactly one worker.
 */
public final class ExecutionTuple {

    /** The whole test on one machine. */
    public static final ExecutionTuple FULL = new ExecutionTuple(Fraction.ZERO, Fraction.ONE, List.of());

    private final Fraction from;
    private final Fraction to;
    private final List<Fraction> sequence;
    private final long lcd;
    /** The indices in [0, lcd) this segment owns, rising. */
    private final long[] owned;

    private ExecutionTuple(Fraction from, Fraction to, List<Fraction> sequence) {
        this.from = from;
        this.to = to;
        this.sequence = filled(from, to, sequence);
        int position = position(this.sequence, from, to);
        long l = 1;
        for (int i = 1; i < this.sequence.size(); i++) {
            long d = this.sequence.get(i).minus(this.sequence.get(i - 1)).denominator();
            l = Math.multiplyExact(l / Fraction.gcd(l, d), d);
        }
        this.lcd = l;
        this.owned = stripe(this.sequence, lcd)[position];
    }

    /** Whether this segment starts at 0: the one worker that does what must happen once, such as a plan's faults. */
    public boolean first() {
        return from.compareTo(Fraction.ZERO) == 0;
    }

    /**
     * {@code --execution-segment A:B} (or {@code B}, meaning {@code 0:B}) and, when given,
     * {@code --execution-segment-sequence 0,1/4,...,1}, which must contain both bounds.
     */
    public static ExecutionTuple of(String segment, String sequence) {
        if (segment == null || segment.isBlank()) {
            if (sequence != null && !sequence.isBlank()) {
                throw new PlanException(
                        "--execution-segment-sequence: " + sequence + " (expected: with --execution-segment)");
            }
            return FULL;
        }
        int colon = segment.indexOf(':');
        Fraction a = colon < 0 ? Fraction.ZERO : Fraction.parse(segment.substring(0, colon));
        Fraction b = Fraction.parse(colon < 0 ? segment : segment.substring(colon + 1));
        if (a.compareTo(b) >= 0) {
            throw new PlanException("--execution-segment: " + segment + " (expected: from < to, like 0:1/4)");
        }
        List<Fraction> seq = new ArrayList<>();
        if (sequence != null && !sequence.isBlank()) {
            for (String part : sequence.split(",")) {
                seq.add(Fraction.parse(part));
            }
            for (int i = 1; i < seq.size(); i++) {
                if (seq.get(i).compareTo(seq.get(i - 1)) <= 0) {
                    throw new PlanException("--execution-segment-sequence: " + sequence + " (expected: rising values)");
                }
            }
        }
        return new ExecutionTuple(a, b, seq);
    }

    public boolean full() {
        return sequence.size() == 2;
    }

    /** This segment's share of {@code value}: k6's ExecutionTuple.ScaleInt64. */
    public long scale(long value) {
        if (full()) {
            return value;
        }
        long result = (value / lcd) * owned.length;
        long rest = value % lcd;
        for (long o : owned) {
            if (o < rest) {
                result++;
            }
        }
        return result;
    }

    public int scale(int value) {
        return (int) scale((long) value);
    }

    /** The global index of this segment's {@code local}-th (0-based) iteration. */
    public long globalIndex(long local) {
        if (full()) {
            return local;
        }
        return (local / owned.length) * lcd + owned[(int) (local % owned.length)];
    }

    @Override
    public String toString() {
        return from + ":" + to;
    }

    private static List<Fraction> filled(Fraction from, Fraction to, List<Fraction> given) {
        List<Fraction> points = new ArrayList<>(given.isEmpty() ? List.of(from, to) : given);
        if (!given.isEmpty() && (!points.contains(from) || !points.contains(to))) {
            throw new PlanException("--execution-segment: " + from + ":" + to + " (expected: a segment of the sequence "
                    + given.stream().map(Fraction::toString).toList() + ")");
        }
        if (!points.getFirst().equals(Fraction.ZERO)) {
            points.addFirst(Fraction.ZERO);
        }
        if (!points.getLast().equals(Fraction.ONE)) {
            points.addLast(Fraction.ONE);
        }
        return List.copyOf(points);
    }

    /** Index of the segment [from, to] among the sequence's segments; it must be one of them, not a union. */
    private static int position(List<Fraction> points, Fraction from, Fraction to) {
        int i = points.indexOf(from);
        if (i < 0 || i + 1 >= points.size() || !points.get(i + 1).equals(to)) {
            throw new PlanException("--execution-segment: " + from + ":" + to + " (expected: adjacent values of the"
                    + " sequence " + points.stream().map(Fraction::toString).toList() + ")");
        }
        return i;
    }

    /**
     * k6's striping: index i in [0, lcd) goes to the first segment, biggest first, that has taken at most its fair
     * share so far (count × lcd / size ≤ i), so each segment's indices are spread out rather than consecutive.
     */
    static long[][] stripe(List<Fraction> points, long lcd) {
        int n = points.size() - 1;
        long[] size = new long[n];
        Integer[] order = new Integer[n];
        for (int s = 0; s < n; s++) {
            Fraction len = points.get(s + 1).minus(points.get(s));
            size[s] = len.numerator() * (lcd / len.denominator());
            order[s] = s;
        }
        Arrays.sort(order, Comparator.comparingLong((Integer s) -> size[s]).reversed());
        long[] chosen = new long[n];
        List<List<Long>> owned = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            owned.add(new ArrayList<>());
        }
        for (long i = 0; i < lcd; i++) {
            for (int k = 0; k < n; k++) {
                int s = order[k];
                long num = chosen[k] * lcd;
                long denom = size[s];
                if (denom > 0 && (i > num / denom || (i == num / denom && num % denom == 0))) {
                    chosen[k]++;
                    owned.get(s).add(i);
                    break;
                }
            }
        }
        long[][] out = new long[n][];
        for (int s = 0; s < n; s++) {
            out[s] = owned.get(s).stream().mapToLong(Long::longValue).toArray();
        }
        return out;
    }
}
