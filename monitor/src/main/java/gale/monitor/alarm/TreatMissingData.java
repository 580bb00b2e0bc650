package gale.monitor.alarm;

/** What a missing datapoint counts as, CloudWatch's {@code treatMissingData}. */
public enum TreatMissingData {
    /** Missing datapoints are left out; when all are missing the alarm goes to INSUFFICIENT_DATA. */
    MISSING("missing"),
    /** Missing datapoints are good (within the threshold). */
    NOT_BREACHING("notBreaching"),
    /** Missing datapoints are bad (breaching the threshold). */
    BREACHING("breaching"),
    /** Missing datapoints are left out; when all are missing the alarm keeps its state. */
    IGNORE("ignore");

    private final String id;

    TreatMissingData(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static TreatMissingData parse(String text) {
        for (TreatMissingData t : values()) {
            if (t.id.equalsIgnoreCase(text == null ? "" : text.strip())) {
                return t;
            }
        }
        throw new IllegalArgumentException(
                "treatMissingData: " + text + " (expected: missing, notBreaching, breaching, ignore)");
    }
}
