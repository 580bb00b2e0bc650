package gale.control.fault;

import java.util.List;

/** Applies one kind of fault to the stack; the registry reverts what it returns. */
interface FaultAction {

    /**
     * Puts the fault in place.
     *
     * @throws IllegalArgumentException when the spec names what the stack does not have (a service, a target group)
     * @throws IllegalStateException when the fault can't be applied here (nothing to act on, a tool missing)
     */
    Applied apply(String faultId, FaultSpec spec);

    /**
     * A fault in place.
     *
     * @param affected what it acts on, for events and status: task ids, a target group, the database
     * @param revert takes it away; idempotent, and harmless once what it acted on is gone
     */
    record Applied(List<String> affected, Runnable revert) {
        public Applied {
            affected = List.copyOf(affected);
        }
    }
}
