package gale.control.dashboard;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** What the stack is made of, as the dashboard lays it out: listeners, target groups and services, in file order. */
public record DashboardLayout(List<Listener> listeners, List<String> targetGroups, List<String> services) {

    public DashboardLayout {
        listeners = List.copyOf(listeners);
        targetGroups = List.copyOf(targetGroups);
        services = List.copyOf(services);
    }

    /** A listener; {@code port} is the bound one (the stack file may say 0). */
    public record Listener(String host, int port, String defaultTargetGroup) {
        public Listener {
            requireNonNull(host, "host");
            requireNonNull(defaultTargetGroup, "defaultTargetGroup");
        }
    }
}
