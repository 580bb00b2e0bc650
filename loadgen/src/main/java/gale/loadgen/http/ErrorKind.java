package gale.loadgen.http;

/** Why a request got no usable response; HTTP errors (4xx, 5xx) are counted from status codes instead. */
public enum ErrorKind {
    /** The connection was refused (nothing listens, or the backlog is full). */
    REFUSED("refused"),
    /** The peer reset or closed the connection before the response was complete. */
    RESET("reset"),
    /** No complete response within the request timeout (connect included). */
    TIMEOUT("timeout"),
    /** The response could not be decoded as HTTP/1.1. */
    PROTOCOL("protocol"),
    /** Anything else: no route, TLS failure, too many open files, ... */
    OTHER("other");

    private final String label;

    ErrorKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
