package gale.control.data;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gale.control.database.OutageTarget;
import gale.control.events.EventLog;
import gale.control.events.EventType;
import gale.dataserver.ManagedServer;
import gale.fleet.Backoff;
import gale.fleet.fault.TaskDisruption;
import gale.fleet.fault.TaskHang;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one managed server running, as RDS or ElastiCache would: started before the tasks, restarted with its data
 * when it dies (backoff from {@link #RESTART_BACKOFF}), checked every {@link #HEALTH_INTERVAL}, stopped cleanly last.
 * Every launch happens on this supervisor's own thread, which lives as long as the server may: the parent-death
 * signal that stops the server when Gale dies is bound to that thread. As an {@link OutageTarget}, it takes the server
 * down (no restart until {@link #start()}) or hangs it (SIGSTOP through the fleet's guard, so no hang outlives Gale).
 */
final class DataServerSupervisor implements OutageTarget, AutoCloseable {

    static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    static final Duration STOP_GRACE = Duration.ofSeconds(30);
    static final Duration HEALTH_INTERVAL = Duration.ofSeconds(2);
    static final Backoff RESTART_BACKOFF = Backoff.exponential(Duration.ofMillis(500), 2, Duration.ofSeconds(10));
    /** A run this long resets the backoff. */
    private static final Duration STABLE_RUN = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(DataServerSupervisor.class);

    /** Where the server stands, as {@code gale status} shows it. */
    enum State {
        STARTING,
        RUNNING,
        RESTARTING,
        STOPPED
    }

    private final String role;
    private final ManagedServer server;
    private final EventLog events;
    private final LinkedBlockingQueue<Runnable> commands = new LinkedBlockingQueue<>();
    private final AtomicInteger restarts = new AtomicInteger();
    private final Thread thread;
    private final Thread healthThread;
    private volatile State state = State.STARTING;
    private volatile boolean healthy;
    private volatile boolean heldDown;
    private volatile boolean closing;
    private TaskDisruption hang;

    private DataServerSupervisor(String role, ManagedServer server, EventLog events) {
        this.role = role;
        this.server = server;
        this.events = events;
        this.thread = Thread.ofPlatform().name("gale-data-" + role).unstarted(this::supervise);
        this.healthThread = Thread.ofVirtual().name("gale-data-health-" + role).unstarted(this::checkHealth);
    }

    /**
     * Starts the server and returns once it accepts clients.
     *
     * @throws IllegalStateException when it does not start (the reason and its log's last lines in the message)
     */
    static DataServerSupervisor start(String role, ManagedServer server, EventLog events) {
        DataServerSupervisor supervisor = new DataServerSupervisor(role, server, events);
        CompletableFuture<Void> first = new CompletableFuture<>();
        supervisor.commands.add(() -> {
            try {
                supervisor.launch("Started");
                first.complete(null);
            } catch (IOException | RuntimeException e) {
                first.completeExceptionally(e);
            }
        });
        supervisor.thread.start();
        try {
            first.join();
        } catch (RuntimeException e) {
            supervisor.closing = true;
            supervisor.thread.interrupt();
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException(role + ": " + cause.getMessage(), cause);
        }
        supervisor.healthThread.start();
        return supervisor;
    }

    private void supervise() {
        int attempt = 0;
        long startedAt = System.nanoTime();
        while (!closing) {
            Runnable command = next(Duration.ofMillis(100));
            if (command != null) {
                command.run();
                continue;
            }
            if (heldDown || state == State.STARTING || server.alive()) {
                continue;
            }
            // It died by itself.
            state = State.RESTARTING;
            attempt = System.nanoTime() - startedAt > STABLE_RUN.toNanos() ? 1 : attempt + 1;
            Duration delay = RESTART_BACKOFF.delay(attempt);
            events.publish(
                    EventType.DATA_EXITED,
                    role,
                    null,
                    server.engine().name() + " exited by itself; restarting in " + delay.toMillis()
                            + " ms with its data");
            if (waitOrCommand(delay)) {
                continue;
            }
            try {
                restarts.incrementAndGet();
                launch("Restarted");
                startedAt = System.nanoTime();
            } catch (IOException | RuntimeException e) {
                log.warn("{}: restart failed: {}", role, e.getMessage());
            }
        }
        server.stop(STOP_GRACE);
        state = State.STOPPED;
    }

    private void launch(String verb) throws IOException {
        state = State.STARTING;
        try {
            server.start(START_TIMEOUT);
        } catch (IOException | RuntimeException e) {
            state = State.RESTARTING;
            throw e;
        }
        state = State.RUNNING;
        healthy = true;
        events.publish(
                EventType.DATA_STARTED,
                role,
                null,
                verb + " " + describe() + " (pid "
                        + server.pid().map(String::valueOf).orElse("?") + ", data in " + server.dataFolder() + ")");
    }

    /** Waits {@code delay} for a command; true if one came (and ran), so the restart is decided again. */
    private boolean waitOrCommand(Duration delay) {
        Runnable command = next(delay);
        if (command == null) {
            return false;
        }
        command.run();
        return true;
    }

    private Runnable next(Duration wait) {
        try {
            return commands.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            closing = true;
            return null;
        }
    }

    /** Runs {@code action} on the supervisor's thread and waits for it. */
    private void onSupervisor(Runnable action) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        commands.add(() -> {
            try {
                action.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        done.join();
    }

    private void checkHealth() {
        while (!closing) {
            try {
                Thread.sleep(HEALTH_INTERVAL);
            } catch (InterruptedException e) {
                return;
            }
            if (state != State.RUNNING) {
                continue;
            }
            boolean now = server.ready();
            if (now != healthy && !closing) {
                healthy = now;
                events.publish(
                        now ? EventType.DATA_HEALTHY : EventType.DATA_UNHEALTHY,
                        role,
                        null,
                        describe() + (now ? " accepts clients again" : " did not answer its health check"));
            }
        }
    }

    @Override
    public String describe() {
        return "managed " + server.engine().name() + " on 127.0.0.1:" + server.port();
    }

    @Override
    public void stop() {
        onSupervisor(() -> {
            heldDown = true;
            server.stop(STOP_GRACE);
            state = State.STOPPED;
            healthy = false;
        });
    }

    @Override
    public void start() {
        onSupervisor(() -> {
            heldDown = false;
            if (!server.alive()) {
                try {
                    launch("Started");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
    }

    @Override
    public synchronized void pause() {
        if (hang != null && hang.active()) {
            return;
        }
        try {
            hang = TaskHang.start(role, server.pids());
        } catch (IOException e) {
            throw new UncheckedIOException(role + ": cannot hang " + describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void resume() {
        if (hang != null) {
            hang.revert();
            hang = null;
        }
    }

    ManagedServer server() {
        return server;
    }

    /** One row of {@code gale status}'s {@code data} array. */
    void describeInto(ObjectNode node) {
        node.put("name", role);
        node.put("engine", server.engine().name());
        node.put("managed", true);
        node.put("address", "127.0.0.1:" + server.port());
        node.put("url", server.url());
        server.pid().ifPresentOrElse(pid -> node.put("pid", pid), () -> node.putNull("pid"));
        node.put("state", state.name());
        node.put("health", state == State.RUNNING && healthy ? "healthy" : "unhealthy");
        node.put("restarts", restarts.get());
        node.put("dataFolder", server.dataFolder().toString());
        node.put("log", server.logFile().toString());
    }

    /** Stops the server cleanly (SIGTERM: data flushed), then the supervisor. */
    @Override
    public void close() {
        resume();
        if (!thread.isAlive()) {
            return;
        }
        closing = true;
        healthThread.interrupt();
        try {
            thread.join(STOP_GRACE.plusSeconds(15));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        events.publish(EventType.DATA_STOPPED, role, null, "Stopped " + describe());
    }
}
