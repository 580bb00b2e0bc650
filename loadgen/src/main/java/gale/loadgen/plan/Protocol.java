package gale.loadgen.plan;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The HTTP version a plan speaks. Over TLS, {@code auto} and {@code h2} offer h2 and http/1.1 in ALPN and speak
 * what the server picks, as k6 does; in the clear, {@code auto} is HTTP/1.1 and {@code h2} and {@code h2c} are
 * HTTP/2 with prior knowledge (RFC 9113 section 3.3), since there is nothing to negotiate with.
 */
public enum Protocol {
    AUTO("auto"),
    HTTP1_1("http1.1"),
    H2("h2"),
    H2C("h2c");

    private final String label;

    Protocol(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether HTTP/2 is offered over TLS (ALPN h2, then http/1.1). */
    public boolean offersH2OverTls() {
        return this == AUTO || this == H2;
    }

    /** Whether cleartext connections start HTTP/2 at once, with prior knowledge. */
    public boolean priorKnowledge() {
        return this == H2 || this == H2C;
    }

    public static Protocol parse(String field, String text) {
        for (Protocol p : values()) {
            if (p.label.equalsIgnoreCase(text.trim())) {
                return p;
            }
        }
        throw PlanException.field(
                field,
                "'" + text + "'",
                Arrays.stream(values()).map(Protocol::label).collect(Collectors.joining(", ")));
    }
}
