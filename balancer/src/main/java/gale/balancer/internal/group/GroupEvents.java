package gale.balancer.internal.group;

import gale.balancer.TargetSnapshot;
import gale.balancer.TargetState;

/**
 * Who hears what happens to a group's targets: the balancer's log, target listeners and observer for the groups of
 * its config; nobody, or only whoever made it, for a group of the balancer's own. Called outside the group's lock.
 */
public interface GroupEvents {
    GroupEvents NONE = new GroupEvents() {};

    default void registered(String group, TargetSnapshot target) {}

    default void stateChanged(String group, TargetSnapshot target, TargetState previous) {}

    default void failOpenEntered(String group, int registered) {}

    default void failOpenLeft(String group, int healthy, int registered) {}

    /** A limit's use passed 80%: a target's requests in flight ({@code target} its id), or the queue (null). */
    default void limitUseHigh(String group, String target, String limit, int inUse, int max) {}
}
