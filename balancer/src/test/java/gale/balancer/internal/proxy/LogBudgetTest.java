package gale.balancer.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LogBudgetTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void letsThroughItsLinesEachSecondAndCountsTheRestIntoTheNextLine() {
        LogBudget budget = new LogBudget(3);
        long start = -5 * SECOND + 1; // nanoTime may be negative

        assertThat(budget.take(start)).isZero();
        assertThat(budget.take(start + 1)).isZero();
        assertThat(budget.take(start + 2)).isZero();
        assertThat(budget.take(start + 3)).isEqualTo(-1);
        assertThat(budget.take(start + SECOND - 2)).isEqualTo(-1);

        assertThat(budget.take(start + SECOND))
                .as("the first line of the next second")
                .isEqualTo(2);
        assertThat(budget.take(start + SECOND + 1)).isZero();
        assertThat(budget.take(start + 10 * SECOND)).isZero();
    }

    @Test
    void refusesABudgetOfNothing() {
        assertThatThrownBy(() -> new LogBudget(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("linesPerSecond: 0 (expected: at least 1)");
    }
}
