package gale.control.stack.internal;

import gale.balancer.TargetGroupConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Checks each service's {@code deployment.testTargetGroup} (a blue/green test listener's group): a group the file
 * defines, with no static targets, that no service's tasks join as their {@code targetGroup} and no other service uses
 * for its tests, since during a deployment it holds only the tasks of the revision being deployed.
 */
final class TestTargetGroups {

    private final TargetGroupNames names;
    private final Map<String, TargetGroupConfig> groups;
    /** Each group a service named so far, and where: {@code services.web.targetGroup}. */
    private final Map<String, String> usedBy = new HashMap<>();

    private final Map<String, String> testOf = new HashMap<>();

    TestTargetGroups(TargetGroupNames names, Map<String, TargetGroupConfig> groups) {
        this.names = names;
        this.groups = groups;
    }

    /** A service's {@code targetGroup}: refused when a service tests on it. */
    void serviceGroup(Section s, String key, String group) {
        String test = testOf.get(group);
        if (test != null) {
            throw s.error(key, '"' + group + "\" (expected: not the test target group of " + test + ")");
        }
        usedBy.put(group, s.path() + "." + key);
    }

    /** The service's test target group, when written. */
    Optional<String> read(Section d, String service) {
        if (!d.has("testTargetGroup")) {
            return Optional.empty();
        }
        String group = names.read(d, "testTargetGroup");
        String user = usedBy.get(group);
        String tester = testOf.get(group);
        if (user != null || tester != null) {
            throw d.error(
                    "testTargetGroup",
                    '"' + group + "\" (expected: a target group of its own, not also "
                            + (user != null ? user : "the test target group of " + tester) + ")");
        }
        if (!groups.get(group).staticTargets().isEmpty()) {
            throw d.error(
                    "testTargetGroup",
                    '"' + group + "\" (expected: a target group without static targets: it holds the tasks of the"
                            + " revision being deployed)");
        }
        testOf.put(group, "service " + service);
        return Optional.of(group);
    }
}
