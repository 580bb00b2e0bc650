package gale.monitor.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTotalsTest {

    @Test
    void routeTotals_countEachStatusClassAndPutEachLatencyInItsOwnBucket() {
        GaleMetrics metrics = new GaleMetrics();
        metrics.requestCompleted("8080", "web", "web-1", 200, 3_000_000); // 3 ms
        metrics.requestCompleted("8080", "web", "web-1", 200, 3_000_000);
        metrics.requestCompleted("8080", "web", "web-1", 503, 40_000_000); // 40 ms
        metrics.requestCompleted("8080", "web", "web-2", 404, 500_000);

        List<RouteTotals> totals = metrics.routeTotals();

        RouteTotals one = totals.stream()
                .filter(r -> r.target().equals("web-1"))
                .findFirst()
                .orElseThrow();
        assertThat(one.status2xx()).isEqualTo(2);
        assertThat(one.status5xx()).isEqualTo(1);
        assertThat(one.requests()).isEqualTo(3);
        // Not cumulative: the two 3 ms requests in (2.5, 5] ms, the 40 ms one in (25, 50] ms, nothing elsewhere.
        int at5ms = Arrays.binarySearch(one.upperBounds(), 0.005);
        int at50ms = Arrays.binarySearch(one.upperBounds(), 0.05);
        assertThat(one.bucketCounts()[at5ms]).isEqualTo(2);
        assertThat(one.bucketCounts()[at50ms]).isEqualTo(1);
        assertThat(Arrays.stream(one.bucketCounts()).sum()).isEqualTo(3);
        RouteTotals two = totals.stream()
                .filter(r -> r.target().equals("web-2"))
                .findFirst()
                .orElseThrow();
        assertThat(two.status4xx()).isEqualTo(1);
        assertThat(two.listener()).isEqualTo("8080");
        assertThat(two.targetGroup()).isEqualTo("web");
    }
}
