package gale.monitor.alarm;

/** How a datapoint is compared with the threshold: {@code >}, {@code >=}, {@code <}, {@code <=}. */
public enum Comparison {
    GREATER(">", "GreaterThanThreshold", "greater than"),
    GREATER_OR_EQUAL(">=", "GreaterThanOrEqualToThreshold", "greater than or equal to"),
    LESS("<", "LessThanThreshold", "less than"),
    LESS_OR_EQUAL("<=", "LessThanOrEqualToThreshold", "less than or equal to");

    private final String symbol;
    private final String cloudWatchName;
    private final String words;

    Comparison(String symbol, String cloudWatchName, String words) {
        this.symbol = symbol;
        this.cloudWatchName = cloudWatchName;
        this.words = words;
    }

    public String symbol() {
        return symbol;
    }

    public String cloudWatchName() {
        return cloudWatchName;
    }

    /** As CloudWatch's reasons say it: "greater than". */
    String words() {
        return words;
    }

    boolean breaches(double value, double threshold) {
        return switch (this) {
            case GREATER -> value > threshold;
            case GREATER_OR_EQUAL -> value >= threshold;
            case LESS -> value < threshold;
            case LESS_OR_EQUAL -> value <= threshold;
        };
    }

    /** Accepts the symbol ({@code >}) or CloudWatch's name ({@code GreaterThanThreshold}). */
    public static Comparison parse(String text) {
        String t = text == null ? "" : text.strip();
        for (Comparison c : values()) {
            if (c.symbol.equals(t) || c.cloudWatchName.equalsIgnoreCase(t)) {
                return c;
            }
        }
        throw new IllegalArgumentException("comparison: " + text
                + " (expected: >, >=, <, <= or GreaterThanThreshold, GreaterThanOrEqualToThreshold, LessThanThreshold,"
                + " LessThanOrEqualToThreshold)");
    }
}
