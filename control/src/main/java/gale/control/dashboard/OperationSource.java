package gale.control.dashboard;

import java.util.List;

/** Lists the operations of one kind that are active now; asked once a second, on the dashboard's thread. */
@FunctionalInterface
public interface OperationSource {
    List<Operation> active();
}
