package gale.balancer;

/** Told of every target state change; called from balancer threads, so it must be quick and thread-safe. */
@FunctionalInterface
public interface TargetListener {
    void onTargetStateChange(String targetGroup, TargetSnapshot target, TargetState previous);
}
