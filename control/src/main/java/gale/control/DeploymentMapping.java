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

    static DeploymentConfig of(ServiceSpec.DeploymentSpec spec) {
        return spec.config();
    }
}
