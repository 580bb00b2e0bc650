package gale.loadgen.report;

import java.util.Locale;

/** k6's way of printing times (µs, ms, s) and sizes (B, kB, MB). */
final class Units {

    private Units() {}

    static String millis(double ms) {
        if (ms == 0) {
            return "0s";
        }
        if (ms < 1) {
            return String.format(Locale.ROOT, "%.2fµs", ms * 1000);
        }
        if (ms < 1000) {
            return String.format(Locale.ROOT, "%.2fms", ms);
        }
        return String.format(Locale.ROOT, "%.2fs", ms / 1000);
    }

    static String bytes(double b) {
        if (b < 1000) {
            return String.format(Locale.ROOT, "%.0f B", b);
        }
        if (b < 1e6) {
            return String.format(Locale.ROOT, "%.1f kB", b / 1e3);
        }
        if (b < 1e9) {
            return String.format(Locale.ROOT, "%.1f MB", b / 1e6);
        }
        return String.format(Locale.ROOT, "%.1f GB", b / 1e9);
    }

    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15
                ? String.valueOf((long) v)
                : String.format(Locale.ROOT, "%.4f", v);
    }

    static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%.2f/s", perSecond);
    }
}
