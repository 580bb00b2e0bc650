package gale.autoscaler;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Formats numbers for reasons people read: at most one decimal, no trailing zero. */
final class Numbers {
    private Numbers() {}

    static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        return BigDecimal.valueOf(value)
                .setScale(1, RoundingMode.HALF_UP)
                .stripTrailingZeros()
                .toPlainString();
    }
}
