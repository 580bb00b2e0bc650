package gale.balancer;

/**
 * How far a request strays from RFC 9112, in ALB's (and http_desync_guardian's) four tiers, from the least to the most
 * dangerous.
 */
public enum DesyncClassification {
    /** Follows the RFC; no known risk. */
    COMPLIANT("Compliant"),
    /** Does not follow the RFC, but no server reads it two ways. */
    ACCEPTABLE("Acceptable"),
    /** Servers and proxies may read it differently: where it ends, or what it asks. */
    AMBIGUOUS("Ambiguous"),
    /** Crafted or broken so that where it ends cannot be told for sure. */
    SEVERE("Severe");

    private final String label;

    DesyncClassification(String label) {
        this.label = label;
    }

    /** As ALB's access log and {@code X-Gale-Desync-Classification} write it: {@code Compliant}, ... */
    public String label() {
        return label;
    }
}
