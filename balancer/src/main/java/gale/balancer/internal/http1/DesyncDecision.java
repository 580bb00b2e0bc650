package gale.balancer.internal.http1;

import gale.balancer.DesyncClassification;
import gale.balancer.DesyncMitigationMode;

/** What a listener does with a request, by its mode and the request's classification. */
public enum DesyncDecision {
    FORWARD("forward"),
    /** Forwards it, then closes the target connection and reads nothing more from the client's. */
    FORWARD_THEN_CLOSE("forward, close"),
    /** 400 with {@code X-Gale-Desync-Classification}, then close. */
    REJECT("400");

    private final String label;

    DesyncDecision(String label) {
        this.label = label;
    }

    /** As docs/balancer.md's corpus table writes it. */
    public String label() {
        return label;
    }

    public static DesyncDecision of(DesyncMitigationMode mode, DesyncClassification classification) {
        if (classification == DesyncClassification.SEVERE) {
            return REJECT; // the balancer can't tell where it ends, so no mode can forward it safely
        }
        return switch (mode) {
            case MONITOR -> FORWARD;
            case DEFENSIVE -> classification == DesyncClassification.AMBIGUOUS ? FORWARD_THEN_CLOSE : FORWARD;
            case STRICTEST -> classification == DesyncClassification.COMPLIANT ? FORWARD : REJECT;
        };
    }
}
