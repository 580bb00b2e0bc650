package gale.balancer.internal.group;

import gale.balancer.internal.health.HealthChecker;
import gale.balancer.internal.loop.LoopResources;

/**
 * What a target group uses of the running balancer.
 *
 * @param loops the event loops: a target has a pool on each
 * @param poolIdleNanos how long a pooled connection may stay idle unless a target asks for less
 */
public record GroupResources(
        LoopResources[] loops, HealthChecker healthChecker, long poolIdleNanos, GroupEvents events) {}
