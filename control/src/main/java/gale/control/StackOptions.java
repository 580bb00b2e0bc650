package gale.control;

import static java.util.Objects.requireNonNull;

import gale.balancer.BalancerObserver;
import gale.control.admin.StackDirectory;
import java.nio.file.Path;
import java.time.Clock;

/**
 * How to run a stack, beside what the stack file says.
 *
 * @param adminHost where the admin API listens (127.0.0.1 unless told otherwise)
 * @param adminPort the admin API's port; 0 binds an ephemeral one (tests)
 * @param stateRoot where stacks keep their token, database and task logs ({@code ~/.gale/stacks})
 * @param metrics receives every request outcome from the balancer (the monitoring part binds here)
 * @param fresh whether the stack's data folder (database and cache files kept across runs) is emptied first
 */
public record StackOptions(
        String adminHost, int adminPort, Path stateRoot, Clock clock, BalancerObserver metrics, boolean fresh) {

    public static final String DEFAULT_ADMIN_HOST = "127.0.0.1";
    public static final int DEFAULT_ADMIN_PORT = 8081;

    /** Keeps the data of earlier runs. */
    public StackOptions(String adminHost, int adminPort, Path stateRoot, Clock clock, BalancerObserver metrics) {
        this(adminHost, adminPort, stateRoot, clock, metrics, false);
    }

    public StackOptions {
        requireNonNull(adminHost, "adminHost");
        if (adminPort < 0 || adminPort > 65535) {
            throw new IllegalArgumentException("adminPort: " + adminPort + " (expected: 0-65535)");
        }
        requireNonNull(stateRoot, "stateRoot");
        requireNonNull(clock, "clock");
        requireNonNull(metrics, "metrics");
    }

    /** The admin API on 127.0.0.1:{@code adminPort}, state under {@code ~/.gale/stacks}. */
    public static StackOptions defaults(int adminPort) {
        return new StackOptions(
                DEFAULT_ADMIN_HOST, adminPort, StackDirectory.defaultRoot(), Clock.systemUTC(), BalancerObserver.NOOP);
    }

    /** Listens on {@code host}; beyond loopback every request then needs the token (docs/api.md). */
    public StackOptions withAdminHost(String host) {
        return new StackOptions(host, adminPort, stateRoot, clock, metrics);
    }

    public StackOptions withStateRoot(Path root) {
        return new StackOptions(adminHost, adminPort, root, clock, metrics, fresh);
    }

    /** Starts with an empty data folder: {@code gale up --fresh}. */
    public StackOptions withFreshData() {
        return new StackOptions(adminHost, adminPort, stateRoot, clock, metrics, true);
    }
}
