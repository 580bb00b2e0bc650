package gale.app;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bad version on purpose, read from {@code GALE_APP_FAULT}, so that a deployment's safety nets (circuit breaker,
 * analysis, alarms) can be practised without writing a broken program.
 *
 * @param kind what goes wrong
 * @param errorRate for {@link Kind#ERRORS}: the fraction of requests (health checks and metrics aside) answered 500
 * @param startDelay for {@link Kind#SLOW_START}: how long the app waits before it listens
 */
public record AppFault(Kind kind, double errorRate, Duration startDelay) {

    public static final String ENV = "GALE_APP_FAULT";
    public static final AppFault NONE = new AppFault(Kind.NONE, 0, Duration.ZERO);

    private static final String EXPECTED = "unhealthy, errors:RATE (0-1), crash or slow-start:DURATION (20s, 500ms)";
    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})(ms|s|m)");

    public enum Kind {
        NONE,
        /** {@code GET /health} answers 503: the balancer never sends it traffic. */
        UNHEALTHY,
        /** A fraction of requests answer 500; health checks pass. */
        ERRORS,
        /** Exits with code 1 before it listens. */
        CRASH,
        /** Waits before it listens. */
        SLOW_START
    }

    public AppFault {
        requireNonNull(kind, "kind");
        requireNonNull(startDelay, "startDelay");
        if (!(errorRate >= 0 && errorRate <= 1)) {
            throw new IllegalArgumentException("errorRate: " + errorRate + " (expected: 0-1)");
        }
        if (startDelay.isNegative()) {
            throw new IllegalArgumentException("startDelay: " + startDelay + " (expected: >= 0)");
        }
    }

    /** {@link #NONE} for null or blank. */
    public static AppFault parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        String value = text.trim().toLowerCase(Locale.ROOT);
        int colon = value.indexOf(':');
        String name = colon < 0 ? value : value.substring(0, colon);
        String argument = colon < 0 ? null : value.substring(colon + 1);
        switch (name) {
            case "unhealthy" -> {
                if (argument == null) {
                    return new AppFault(Kind.UNHEALTHY, 0, Duration.ZERO);
                }
            }
            case "crash" -> {
                if (argument == null) {
                    return new AppFault(Kind.CRASH, 0, Duration.ZERO);
                }
            }
            case "errors" -> {
                if (argument != null) {
                    try {
                        return new AppFault(Kind.ERRORS, Double.parseDouble(argument), Duration.ZERO);
                    } catch (IllegalArgumentException e) {
                        // answered below
                    }
                }
            }
            case "slow-start" -> {
                Matcher m = argument == null ? null : DURATION.matcher(argument);
                if (m != null && m.matches()) {
                    long amount = Long.parseLong(m.group(1));
                    Duration delay = switch (m.group(2)) {
                        case "ms" -> Duration.ofMillis(amount);
                        case "s" -> Duration.ofSeconds(amount);
                        default -> Duration.ofMinutes(amount);
                    };
                    return new AppFault(Kind.SLOW_START, 0, delay);
                }
            }
            default -> {}
        }
        throw new IllegalArgumentException(ENV + ": '" + text + "' (expected: " + EXPECTED + ")");
    }

    /** How the app names it in answers and logs: {@code GALE_APP_FAULT=errors:0.3}. */
    public String describe() {
        return ENV + "="
                + switch (kind) {
                    case NONE -> "";
                    case UNHEALTHY -> "unhealthy";
                    case ERRORS -> "errors:" + errorRate;
                    case CRASH -> "crash";
                    case SLOW_START -> "slow-start:" + startDelay.toMillis() + "ms";
                };
    }
}
