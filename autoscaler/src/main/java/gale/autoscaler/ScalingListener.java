package gale.autoscaler;

/** Receives every decision, including "no change" ones, with its reason. */
@FunctionalInterface
public interface ScalingListener {
    void onDecision(ScalingDecision decision);
}
