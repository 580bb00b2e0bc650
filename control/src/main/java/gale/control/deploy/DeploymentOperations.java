package gale.control.deploy;

import gale.control.dashboard.Operation;
import gale.control.dashboard.OperationSource;
import java.util.ArrayList;
import java.util.List;

/** The deployments in progress as the dashboard lists them, with a button to roll each back (or promote it). */
public final class DeploymentOperations implements OperationSource {

    private final Deployments deployments;

    public DeploymentOperations(Deployments deployments) {
        this.deployments = deployments;
    }

    @Override
    public List<Operation> active() {
        List<Operation> operations = new ArrayList<>();
        for (DeploymentSnapshot d : deployments.inProgress()) {
            String service = "/api/services/" + d.service();
            List<Operation.Action> actions = new ArrayList<>();
            actions.add(new Operation.Action("Roll back", "POST", service + "/rollback", "{}"));
            if (d.step().contains("until promoted")) {
                actions.add(new Operation.Action("Promote", "POST", service + "/promote", "{}"));
            }
            operations.add(new Operation(
                    "deployment",
                    Long.toString(d.id()),
                    d.service() + ": revision " + d.fromRevisions() + " → " + d.revision() + " ("
                            + d.strategy().label() + ")",
                    d.rollbackOf() == null ? d.state().name() : "ROLLING_BACK",
                    d.progress(),
                    d.step(),
                    actions));
        }
        return operations;
    }
}
