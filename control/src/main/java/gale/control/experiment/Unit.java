package gale.control.experiment;

import java.util.Locale;

/**
 * How a measured value reads in reports: a share as a percentage, milliseconds, a count or a plain number; counts and
 * milliseconds with thousands separators, as the seeds' own figures are written ("5,715", "203,486 ms").
 */
public enum Unit {
    SHARE,
    MILLIS,
    COUNT,
    NUMBER;

    public String format(double value) {
        return switch (this) {
            case SHARE -> String.format(Locale.ROOT, "%.2f%%", value * 100);
            case MILLIS -> String.format(Locale.ROOT, "%,.1f ms", value);
            case COUNT -> String.format(Locale.ROOT, "%,.0f", value);
            case NUMBER ->
                value == Math.rint(value) && Math.abs(value) < 1e15
                        ? String.format(Locale.ROOT, "%.0f", value)
                        : String.format(Locale.ROOT, "%.4g", value);
        };
    }
}
