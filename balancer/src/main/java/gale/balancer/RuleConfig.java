package gale.balancer;

/**
 * Sends a request to {@code targetGroup} when its path starts with {@code pathPrefix} and its host (without port,
 * case-insensitive) equals {@code host}. A null condition matches anything. Rules are tried in order.
 */
public record RuleConfig(String pathPrefix, String host, String targetGroup) {
    public RuleConfig {
        if (pathPrefix != null && !pathPrefix.startsWith("/")) {
            throw new IllegalArgumentException("pathPrefix: '" + pathPrefix + "' (expected: starts with /)");
        }
        if (host != null) {
            Validate.notBlank(host, "host");
        }
        Validate.notBlank(targetGroup, "targetGroup");
    }

    public static RuleConfig path(String pathPrefix, String targetGroup) {
        return new RuleConfig(pathPrefix, null, targetGroup);
    }

    public static RuleConfig host(String host, String targetGroup) {
        return new RuleConfig(null, host, targetGroup);
    }
}
