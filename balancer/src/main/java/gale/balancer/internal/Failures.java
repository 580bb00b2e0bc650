package gale.balancer.internal;

import gale.balancer.BalancerError;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.io.IOException;
import java.util.Locale;

/** How the data path names what went wrong, and which requests may be sent twice. */
final class Failures {
    private Failures() {}

    /** The answer to a request the decoder could not accept. */
    static BalancerError errorFor(Throwable cause) {
        if (cause instanceof TooLongHttpHeaderException) {
            return BalancerError.HEADER_TOO_LARGE;
        }
        if (cause instanceof TooLongHttpLineException) {
            return BalancerError.URI_TOO_LONG;
        }
        if (cause instanceof FrontendCodec.SmugglingException) {
            return BalancerError.SMUGGLING;
        }
        String message = cause.getMessage();
        if (message != null && message.toLowerCase(Locale.ROOT).contains("content-length")) {
            return BalancerError.SMUGGLING;
        }
        return BalancerError.MALFORMED;
    }

    static boolean isIdempotent(HttpMethod m) {
        return m == HttpMethod.GET
                || m == HttpMethod.HEAD
                || m == HttpMethod.PUT
                || m == HttpMethod.DELETE
                || m == HttpMethod.OPTIONS
                || m == HttpMethod.TRACE;
    }

    static boolean isReset(Throwable cause) {
        return cause instanceof IOException
                && cause.getMessage() != null
                && cause.getMessage().toLowerCase(Locale.ROOT).contains("reset");
    }
}
