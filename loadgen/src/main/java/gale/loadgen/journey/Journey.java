package gale.loadgen.journey;

import gale.loadgen.plan.RequestSpec;
import java.util.List;

/**
 * A scenario's iteration as steps (Gatling's scenario, k6's default function): requests whose responses feed
 * variables into later ones, checks, think times, groups, batches, conditions and loops.
 *
 * @param requests every request of the steps, in order of {@link StepRequest#slot()}
 * @param groups the groups' names, in order of {@link Step.Group#slot()}
 */
public record Journey(List<Step> steps, List<StepRequest> requests, List<String> groups) {

    public Journey {
        steps = List.copyOf(steps);
        requests = List.copyOf(requests);
        groups = List.copyOf(groups);
        if (requests.isEmpty()) {
            throw new IllegalArgumentException("steps: no request (expected: at least one step that sends)");
        }
    }

    /** The requests as the metrics layout and the engine see them. */
    public List<RequestSpec> shapes() {
        return requests.stream().map(StepRequest::shape).toList();
    }
}
