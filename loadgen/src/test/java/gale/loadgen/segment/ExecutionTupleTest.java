package gale.loadgen.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gale.loadgen.plan.PlanException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ExecutionTupleTest {

    private static final String UNEQUAL = "0,1/2,3/4,1";

    @Test
    void stripesIterationsAsK6DocumentsForUnequalSegments() {
        // k6's lib/execution_segment.go: 0:1/2 gets 0 2 4 6, 1/2:3/4 gets 1 5 9, 3/4:1 gets 3 7 11.
        assertThat(firstGlobal(ExecutionTuple.of("0:1/2", UNEQUAL), 6)).containsExactly(0L, 2L, 4L, 6L, 8L, 10L);
        assertThat(firstGlobal(ExecutionTuple.of("1/2:3/4", UNEQUAL), 3)).containsExactly(1L, 5L, 9L);
        assertThat(firstGlobal(ExecutionTuple.of("3/4:1", UNEQUAL), 3)).containsExactly(3L, 7L, 11L);
    }

    @Test
    void scalesIntegersAsK6DocumentsForUnequalSegments() {
        // The same comment's table for values 1..12.
        assertThat(scaled(ExecutionTuple.of("0:1/2", UNEQUAL)))
                .containsExactly(1L, 1L, 2L, 2L, 3L, 3L, 4L, 4L, 5L, 5L, 6L, 6L);
        assertThat(scaled(ExecutionTuple.of("1/2:3/4", UNEQUAL)))
                .containsExactly(0L, 1L, 1L, 1L, 1L, 2L, 2L, 2L, 2L, 3L, 3L, 3L);
        assertThat(scaled(ExecutionTuple.of("3/4:1", UNEQUAL)))
                .containsExactly(0L, 0L, 0L, 1L, 1L, 1L, 1L, 2L, 2L, 2L, 2L, 3L);
    }

    @Test
    void sharesAddUpAndIndicesPartitionForAnySplit() {
        for (String sequence : List.of("0,1/4,2/4,3/4,1", "0,1/3,2/3,1", "0,0.1,0.35,1", "0,1/7,3/5,1")) {
            String[] bounds = sequence.split(",");
            List<ExecutionTuple> workers = new ArrayList<>();
            for (int i = 0; i + 1 < bounds.length; i++) {
                workers.add(ExecutionTuple.of(bounds[i] + ":" + bounds[i + 1], sequence));
            }
            for (long value = 0; value < 500; value++) {
                long v = value;
                assertThat(workers.stream().mapToLong(w -> w.scale(v)).sum())
                        .as(sequence + " " + v)
                        .isEqualTo(v);
            }
            TreeSet<Long> all = new TreeSet<>();
            long total = 0;
            for (ExecutionTuple w : workers) {
                long count = w.scale(1000);
                total += count;
                LongStream.range(0, count).forEach(k -> all.add(w.globalIndex(k)));
            }
            assertThat(total).isEqualTo(1000);
            assertThat(all).hasSize(1000);
            assertThat(all.first()).isZero();
            assertThat(all.last()).isEqualTo(999);
        }
    }

    @Test
    void withoutASequenceTheSegmentIsFilledAroundAsK6Does() {
        ExecutionTuple t = ExecutionTuple.of("1/4:1/2", null);
        assertThat(t.scale(100)).isEqualTo(25);
        assertThat(ExecutionTuple.of("25%:50%", null).scale(100)).isEqualTo(25);
        assertThat(ExecutionTuple.of(null, null).full()).isTrue();
    }

    @Test
    void refusesSegmentsThatAreNotInTheSequenceOrBackwards() {
        assertThatThrownBy(() -> ExecutionTuple.of("1/4:3/4", "0,1/4,2/4,3/4,1"))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("adjacent values of the sequence");
        assertThatThrownBy(() -> ExecutionTuple.of("1/2:1/4", null)).hasMessageContaining("from < to");
        assertThatThrownBy(() -> ExecutionTuple.of("0:2", null)).hasMessageContaining("from 0 to 1");
        assertThatThrownBy(() -> ExecutionTuple.of("0:x", null)).hasMessageContaining("like 1/4");
    }

    private static List<Long> firstGlobal(ExecutionTuple t, int n) {
        return LongStream.range(0, n).map(t::globalIndex).boxed().toList();
    }

    private static List<Long> scaled(ExecutionTuple t) {
        return LongStream.rangeClosed(1, 12).map(t::scale).boxed().toList();
    }
}
