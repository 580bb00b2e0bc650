package gale.balancer.internal;

import java.io.IOException;
import java.util.Locale;

/** How the data path tells one failure of a target connection from another. */
final class Failures {
    private Failures() {}

    static boolean isReset(Throwable cause) {
        return cause instanceof IOException
                && cause.getMessage() != null
                && cause.getMessage().toLowerCase(Locale.ROOT).contains("reset");
    }
}
