package gale.control.stack;

import static java.util.Objects.requireNonNull;

import gale.monitor.series.TimeSeriesStore;
import java.time.Duration;

/**
 * The control plane's own monitoring.
 *
 * @param retention how long the one-second series behind alarms, autoscaling, the dashboard and {@code gale status}
 *     are kept in memory; Gale's heap grows while they fill, through the first retention after a start, and then stays
 *     flat. No alarm may look further back than this.
 */
public record MonitoringSpec(Duration retention) {
    public static final Duration MIN_RETENTION = Duration.ofMinutes(1);
    public static final MonitoringSpec DEFAULTS = new MonitoringSpec(TimeSeriesStore.DEFAULT_RETENTION);

    public MonitoringSpec {
        requireNonNull(retention, "retention");
        if (retention.compareTo(MIN_RETENTION) < 0
                || retention.compareTo(TimeSeriesStore.MAX_RETENTION) > 0
                || retention.toNanos() % 1_000_000_000L != 0) {
            throw new IllegalArgumentException("retention: " + retention + " (expected: whole seconds from 1m to 24h)");
        }
    }

    /**
     * Why something that looks back over the series for {@code window} (an alarm's periods, an autoscaling policy's
     * readings) is refused, as the "expected" part of its stack-file error; null when the series reach that far.
     */
    public String lookBackRefusal(Duration window) {
        if (window.compareTo(retention) <= 0) {
            return null;
        }
        return "(expected: at most monitoring.retention, " + retention.toSeconds() + " s, the history Gale keeps)";
    }
}
