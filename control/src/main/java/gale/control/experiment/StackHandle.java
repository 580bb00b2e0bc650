package gale.control.experiment;

import gale.balancer.BalancerObserver;
import gale.balancer.ListenerConfig;
import gale.control.Stack;
import gale.control.StackOptions;
import gale.control.admin.AdminClient;
import gale.control.admin.StackDirectory;
import gale.control.stack.StackConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The stack under experiment, reached only through its admin API as a user's script would: one the experiment started
 * (every listener and the admin API on ephemeral ports, its state in a temporary folder; {@link #close} stops it),
 * or one already running (left running).
 */
final class StackHandle implements AutoCloseable {

    private final AdminClient admin;
    private final Optional<String> token;
    private final URI target;
    private final Stack started;
    private final Path stateRoot;

    private StackHandle(AdminClient admin, Optional<String> token, URI target, Stack started, Path stateRoot) {
        this.admin = admin;
        this.token = token;
        this.target = target;
        this.started = started;
        this.stateRoot = stateRoot;
    }

    /** @param stateRoot where a running stack keeps its token ({@code ~/.gale/stacks}) */
    static StackHandle open(StackSource source, Path stateRoot) {
        return switch (source) {
            case StackSource.Started s -> start(s.config());
            case StackSource.Running r -> connect(r, stateRoot);
        };
    }

    private static StackHandle start(StackConfig config) {
        Path root;
        try {
            root = Files.createTempDirectory("gale-experiment-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for the stack: " + e.getMessage(), e);
        }
        Stack stack;
        try {
            stack = Stack.start(
                    onEphemeralPorts(config),
                    new StackOptions(
                            StackOptions.DEFAULT_ADMIN_HOST, 0, root, Clock.systemUTC(), BalancerObserver.NOOP, true));
        } catch (RuntimeException e) {
            delete(root);
            throw e;
        }
        Optional<String> token = Optional.of(stack.directory().token());
        URI target = stack.listenerCount() > 0 ? stack.listenerUrl(0) : null;
        return new StackHandle(new AdminClient(stack.adminUrl(), token), token, target, stack, root);
    }

    private static StackHandle connect(StackSource.Running running, Path stateRoot) {
        URI base = running.admin();
        int port = base.getPort() == -1 ? 80 : base.getPort();
        Optional<String> token = StackDirectory.readToken(stateRoot, port);
        URI target = running.target().orElseGet(() -> firstListener(stateRoot, port));
        return new StackHandle(new AdminClient(base, token), token, target, null, null);
    }

    /** The first listener a stack on this machine wrote in its info file, as {@code gale up} prints it. */
    private static URI firstListener(Path stateRoot, int adminPort) {
        Path info = stateRoot.resolve(String.valueOf(adminPort)).resolve("stack.json");
        try {
            var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(info.toFile());
            return URI.create(node.path("listeners").path(0).asText());
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private static StackConfig onEphemeralPorts(StackConfig config) {
        List<ListenerConfig> listeners = config.listeners().stream()
                .map(l -> new ListenerConfig(l.host(), 0, l.rules(), l.defaultTargetGroup(), l.limits()))
                .toList();
        return config.withListeners(listeners);
    }

    AdminClient admin() {
        return admin;
    }

    /** The stack's token, which the load plan's own faults need; empty for a stack that is not this user's. */
    Optional<String> token() {
        return token;
    }

    /** Where the load goes: the stack's first listener; null when there is none to load. */
    Optional<URI> target() {
        return Optional.ofNullable(target);
    }

    boolean startedHere() {
        return started != null;
    }

    @Override
    public void close() {
        if (started != null) {
            started.close();
            delete(stateRoot);
        }
    }

    private static void delete(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // A temporary folder left behind is harmless; the stack itself has stopped.
        }
    }
}
