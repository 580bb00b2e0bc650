package gale.loadgen.feed;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * Records read from a file (CSV or JSON), held once as arrays; {@link #next} hands out a read-only view of a row,
 * so taking a record copies nothing.
 */
public final class RecordFeeder implements Feeder {

    private final String name;
    private final String[] columns;
    private final String[][] rows;
    private final Strategy strategy;
    /** For SHUFFLE: the row order, drawn once from {@code seed}. */
    private final int[] order;

    private final AtomicLong taken = new AtomicLong();

    public RecordFeeder(String name, List<String> columns, List<String[]> rows, Strategy strategy, long seed) {
        this.name = Objects.requireNonNull(name, "name");
        this.columns = columns.toArray(String[]::new);
        this.rows = rows.toArray(String[][]::new);
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        if (this.rows.length == 0) {
            throw new IllegalArgumentException("no records (expected: at least one)");
        }
        for (String[] row : this.rows) {
            if (row.length != this.columns.length) {
                throw new IllegalArgumentException(
                        "a record of " + row.length + " fields (expected: " + this.columns.length + ", one a column)");
            }
        }
        this.order = strategy == Strategy.SHUFFLE ? shuffled(this.rows.length, new Random(seed)) : null;
    }

    @Override
    public String name() {
        return name;
    }

    public int size() {
        return rows.length;
    }

    @Override
    public Map<String, String> next(RandomGenerator random) {
        int row;
        switch (strategy) {
            case RANDOM -> row = random.nextInt(rows.length);
            case CIRCULAR -> row = (int) (taken.getAndIncrement() % rows.length);
            default -> {
                long n = taken.getAndIncrement();
                if (n >= rows.length) {
                    return null;
                }
                row = order == null ? (int) n : order[(int) n];
            }
        }
        return new Row(rows[row]);
    }

    private static int[] shuffled(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** A row seen as a map from column to value, without copying it. */
    private final class Row extends AbstractMap<String, String> {
        private final String[] values;

        Row(String[] values) {
            this.values = values;
        }

        @Override
        public Set<Entry<String, String>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, String>> iterator() {
                    return new Iterator<>() {
                        private int i;

                        @Override
                        public boolean hasNext() {
                            return i < columns.length;
                        }

                        @Override
                        public Entry<String, String> next() {
                            int at = i++;
                            return new SimpleImmutableEntry<>(columns[at], values[at]);
                        }
                    };
                }

                @Override
                public int size() {
                    return columns.length;
                }
            };
        }
    }
}
