package gale.autoscaler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Hand-written fakes: a clock that tests move, a metric source they set, a service that records its desired counts. */
final class Fakes {
    private Fakes() {}

    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static final class Source implements MetricSource {
        volatile List<MetricReading> readings = List.of();
        ScalingMetric askedMetric;
        Duration askedWindow;

        void set(MetricReading... readings) {
            this.readings = List.of(readings);
        }

        /** Every task ready and old: CPU values as given. */
        void steady(double... values) {
            List<MetricReading> list = new ArrayList<>();
            for (int i = 0; i < values.length; i++) {
                list.add(MetricReading.steady("task-" + i, values[i]));
            }
            readings = List.copyOf(list);
        }

        @Override
        public List<MetricReading> readings(ScalingMetric metric, Duration window) {
            askedMetric = metric;
            askedWindow = window;
            return readings;
        }
    }

    static final class Service implements ScalingTarget {
        int count;
        final List<String> reasons = new ArrayList<>();

        Service(int count) {
            this.count = count;
        }

        @Override
        public int currentCount() {
            return count;
        }

        @Override
        public void setDesired(int count, String reason) {
            this.count = count;
            reasons.add(reason);
        }
    }
}
