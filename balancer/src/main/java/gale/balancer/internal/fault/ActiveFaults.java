package gale.balancer.internal.fault;

import java.net.InetSocketAddress;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/** An immutable snapshot of the faults in place: what each request draws from them. */
public final class ActiveFaults {
    private final InjectedFault[] faults;

    ActiveFaults(InjectedFault[] faults) {
        this.faults = faults;
    }

    /** What the faults do to a request of {@code targetGroup} sent to {@code target}; null when none acts on it. */
    public Effects draw(String targetGroup, InetSocketAddress target) {
        RandomGenerator random = ThreadLocalRandom.current();
        Effects effects = null;
        for (InjectedFault f : faults) {
            if (f.draws(targetGroup, target, random)) {
                if (effects == null) {
                    effects = new Effects();
                }
                effects.add(f, random);
            }
        }
        return effects;
    }
}
