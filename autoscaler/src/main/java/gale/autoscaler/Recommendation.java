package gale.autoscaler;

/**
 * What one policy asks for before cooldowns and stabilization: a count, or nothing (count = -1) when it has no
 * basis, with the reason in words.
 */
record Recommendation(int count, double metricValue, String reason) {
    static Recommendation none(String reason) {
        return new Recommendation(-1, Double.NaN, reason);
    }

    boolean present() {
        return count >= 0;
    }
}
