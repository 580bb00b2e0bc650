package gale.control.kubernetes;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * What the export needs beyond the stack file.
 *
 * @param image the container image that holds the {@code gale} command (the built-in app, {@code gale load}) and
 *     the services' own commands
 * @param namespace every object's namespace
 * @param ingressClass the Ingress's {@code ingressClassName}; its annotations are ingress-nginx's
 */
public record KubernetesOptions(String image, String namespace, String ingressClass) {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    public static final String DEFAULT_IMAGE = "gale:latest";
    public static final String DEFAULT_NAMESPACE = "default";
    public static final String DEFAULT_INGRESS_CLASS = "nginx";
    public static final KubernetesOptions DEFAULTS =
            new KubernetesOptions(DEFAULT_IMAGE, DEFAULT_NAMESPACE, DEFAULT_INGRESS_CLASS);

    public KubernetesOptions {
        requireNonNull(image, "image");
        if (image.isBlank() || image.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("image: '" + image + "' (expected: an image reference like gale:1.0)");
        }
        requireNonNull(namespace, "namespace");
        if (!DNS_LABEL.matcher(namespace).matches()) {
            throw new IllegalArgumentException(
                    "namespace: " + namespace + " (expected: a DNS label: a-z, 0-9 and '-', at most 63)");
        }
        requireNonNull(ingressClass, "ingressClass");
    }

    /** A Gale name as a Kubernetes object name: lower case, '_' and '.' as '-'. */
    static String objectName(String galeName) {
        String name = galeName.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        name = name.replaceAll("^-+|-+$", "");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("name: " + galeName + " (expected: at least one letter or digit)");
        }
        return name.length() > 63 ? name.substring(0, 63).replaceAll("-+$", "") : name;
    }
}
