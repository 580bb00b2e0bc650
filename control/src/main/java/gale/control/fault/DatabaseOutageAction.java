package gale.control.fault;

import gale.control.database.OutageTarget;
import java.util.List;
import java.util.Optional;

/** {@code database-outage}: the stack's database server stopped or hung, then brought back. */
final class DatabaseOutageAction implements FaultAction {

    private final Optional<OutageTarget> database;

    DatabaseOutageAction(Optional<OutageTarget> database) {
        this.database = database;
    }

    @Override
    public Applied apply(String faultId, FaultSpec spec) {
        OutageTarget target = database.orElseThrow(() -> new IllegalStateException(
                "database-outage needs a database Gale runs (the embedded one, or a managed server);"
                        + " this stack's database is reached by URL"));
        switch (spec.parameters().mode()) {
            case STOP -> {
                target.stop();
                return new Applied(List.of(target.describe()), target::start);
            }
            case HANG -> {
                target.pause();
                return new Applied(List.of(target.describe()), target::resume);
            }
            default ->
                throw new IllegalStateException("mode: " + spec.parameters().mode());
        }
    }
}
