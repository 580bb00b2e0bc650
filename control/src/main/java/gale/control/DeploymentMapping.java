package gale.control;

import gale.control.deploy.DeploymentConfig;
import gale.control.stack.ServiceSpec;
import gale.control.stack.StackConfig;
import java.util.HashMap;
import java.util.Map;

/** Maps each service's {@code deployment} block onto the deployments' own config. */
final class DeploymentMapping {

    private DeploymentMapping() {}

    static Map<String, DeploymentConfig> of(StackConfig stack) {
        Map<String, DeploymentConfig> configs = new HashMap<>();
        stack.services().forEach((name, spec) -> configs.put(name, of(spec.deployment())));
        return configs;
    }

    /** Each service's {@code deployment.testTargetGroup}, by service, for those that have one. */
    static Map<String, String> testTargetGroups(StackConfig stack) {
        Map<String, String> groups = new HashMap<>();
        stack.services()
                .forEach((name, spec) -> spec.deployment().testTargetGroup().ifPresent(g -> groups.put(name, g)));
        return groups;
    }

    static DeploymentConfig of(ServiceSpec.DeploymentSpec spec) {
        return spec.config();
    }
}
