package gale.loadgen.metrics;

/** The per-request timings k6 reports, recorded in microseconds. */
public enum Trend {
    BLOCKED("http_req_blocked"),
    CONNECTING("http_req_connecting"),
    SENDING("http_req_sending"),
    WAITING("http_req_waiting"),
    RECEIVING("http_req_receiving"),
    DURATION("http_req_duration");

    static final int COUNT = values().length;
    private final String metric;

    Trend(String metric) {
        this.metric = metric;
    }

    public String metric() {
        return metric;
    }

    public static Trend byMetric(String metric) {
        for (Trend t : values()) {
            if (t.metric.equals(metric)) {
                return t;
            }
        }
        return null;
    }
}
