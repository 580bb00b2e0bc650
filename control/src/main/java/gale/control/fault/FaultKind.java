package gale.control.fault;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Every fault Gale can inject, by the name users write ({@code task-hang}); docs/faults.md describes each. */
public enum FaultKind {
    TASK_KILL(Scope.TASKS, false),
    TASK_HANG(Scope.TASKS, true),
    TASK_CPU_STRESS(Scope.TASKS, true),
    DATABASE_OUTAGE(Scope.DATABASE, true),
    HTTP_LATENCY(Scope.TRAFFIC, true),
    HTTP_ERROR(Scope.TRAFFIC, true),
    NET_RESET(Scope.TRAFFIC, true),
    NET_BLACKHOLE(Scope.TRAFFIC, true),
    NET_BANDWIDTH(Scope.TRAFFIC, true),
    NET_SLOW_CLOSE(Scope.TRAFFIC, true);

    /** What a kind acts on, and so how its targets are chosen. */
    public enum Scope {
        /** Task processes of a service, through the fleet: {@code --service S --count N | --percent P}. */
        TASKS,
        /** The stack's database server. */
        DATABASE,
        /** Requests through the balancer to a target group, or to one target: {@code --target-group G --target H:P}. */
        TRAFFIC
    }

    private final Scope scope;
    private final boolean lasts;

    FaultKind(Scope scope, boolean lasts) {
        this.scope = scope;
        this.lasts = lasts;
    }

    public Scope scope() {
        return scope;
    }

    /** Whether the fault lasts a duration and is then reverted; {@code task-kill} is done once sent. */
    public boolean lasts() {
        return lasts;
    }

    /** The name users write: {@code task-cpu-stress}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @throws IllegalArgumentException for a name that is no kind */
    public static FaultKind of(String label) {
        for (FaultKind kind : values()) {
            if (kind.label().equals(label)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("kind: " + label + " (expected: one of " + labels() + ")");
    }

    public static String labels() {
        return Arrays.stream(values()).map(FaultKind::label).collect(Collectors.joining(", "));
    }
}
