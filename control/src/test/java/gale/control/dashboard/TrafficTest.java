package gale.control.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import gale.monitor.metrics.RouteTotals;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrafficTest {

    private static final double[] BOUNDS = {0.001, 0.01, 0.1, Double.POSITIVE_INFINITY};

    @Test
    void quantile_interpolatesInsideTheBucketThatHoldsTheRank() {
        // 10 requests in (1, 10] ms: the median is half way through that bucket.
        assertThat(Traffic.quantile(0.5, BOUNDS, new long[] {0, 10, 0, 0})).isCloseTo(0.0055, within(1e-9));
        assertThat(Traffic.quantile(0.5, BOUNDS, new long[] {0, 0, 0, 0})).isNaN();
        // Beyond the last finite bound, the bound is the best estimate (as histogram_quantile).
        assertThat(Traffic.quantile(0.99, BOUNDS, new long[] {0, 0, 0, 5})).isEqualTo(0.1);
    }

    @Test
    void rowsGiveTheRateOverTheWindowAndTheCountsSinceTheStart() {
        Traffic traffic = new Traffic();
        traffic.add(List.of(route("web-1", 100, 0, new long[] {0, 100, 0, 0})));
        traffic.add(List.of(route("web-1", 110, 0, new long[] {0, 110, 0, 0})));
        traffic.add(List.of(route("web-1", 130, 2, new long[] {0, 130, 2, 0})));

        Traffic.Row row = traffic.byTarget("web").get("web-1");

        assertThat(row.perSecond()).isEqualTo(16.0); // 32 more requests over 2 seconds
        assertThat(row.status2xx()).isEqualTo(130);
        assertThat(row.status5xx()).isEqualTo(2);
        assertThat(row.p50Ms()).isBetween(1.0, 10.0);
        assertThat(traffic.byListener()).containsKey("8080");
        assertThat(traffic.byTargetGroup().get("web").perSecond()).isEqualTo(16.0);
    }

    private static RouteTotals route(String target, long ok, long failed, long[] buckets) {
        return new RouteTotals("8080", "web", target, ok, 0, failed, 0, BOUNDS, buckets);
    }
}
