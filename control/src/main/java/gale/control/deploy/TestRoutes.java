package gale.control.deploy;

import java.util.Optional;

/**
 * A service's test target group (ECS blue/green's test listener): during a deployment it holds the tasks of the
 * revision being deployed, so that the new revision can be tried on its own port before and while it takes production
 * traffic.
 */
public interface TestRoutes {

    /** No service has a test target group. */
    TestRoutes NONE = (service, revision) -> Optional.empty();

    /**
     * Makes the service's test target group hold the running tasks of {@code revision} (and those that start), or none
     * when {@code revision} is 0; the tasks it held before leave it and drain.
     *
     * @return the test target group's name, or empty when the service has none
     */
    Optional<String> route(String service, int revision);
}
