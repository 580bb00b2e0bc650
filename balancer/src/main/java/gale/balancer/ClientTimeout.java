package gale.balancer;

import java.util.Locale;

/** Why the balancer closed a client connection that was too slow (see {@link ListenerLimits}). */
public enum ClientTimeout {
    /** The request head did not arrive whole within {@code requestHeaderTimeout}. */
    REQUEST_HEADER,
    /** The client paused longer than {@code bodyReadTimeout} in its request body. */
    BODY_READ,
    /** The client sent nothing for {@code clientIdleTimeout} while no request was in progress. */
    IDLE;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The metrics label: {@code request_header}, {@code body_read}, {@code idle}. */
    public String label() {
        return label;
    }
}
