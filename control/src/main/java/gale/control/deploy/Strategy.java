package gale.control.deploy;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a deployment moves a service from its old revision to the new one (docs/deployments.md). */
public enum Strategy {
    /** ECS's rolling update: minimum healthy and maximum percent bound the tasks while they are replaced. */
    ROLLING("rolling"),
    /** Argo Rollouts' canary steps: setWeight, pause, analysis; traffic weights at the balancer. */
    CANARY("canary"),
    /** ECS's linear: stepPercent more traffic every stepBakeTime. */
    LINEAR("linear"),
    /** The new revision at full count with no traffic, then the switch, a bake time, the old one drained. */
    BLUE_GREEN("blue-green");

    private final String label;

    Strategy(String label) {
        this.label = label;
    }

    /** As the stack file, the CLI and the API write it: {@code rolling}, {@code blue-green}. */
    public String label() {
        return label;
    }

    /** @throws IllegalArgumentException for anything but the four labels */
    public static Strategy parse(String text) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (Strategy strategy : values()) {
            if (strategy.label.equals(value)) {
                return strategy;
            }
        }
        throw new IllegalArgumentException("strategy: '" + text + "' (expected: "
                + Arrays.stream(values()).map(Strategy::label).collect(Collectors.joining(", ")) + ")");
    }
}
