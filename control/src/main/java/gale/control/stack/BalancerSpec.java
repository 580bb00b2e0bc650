package gale.control.stack;

import java.time.Duration;

/**
 * The balancer's own settings.
 *
 * @param ioThreads event loops, 0 meaning one per core
 * @param warmup the longest the balancer may run its own loopback traffic before its listeners accept, so that the JIT
 *     has compiled its data path before the first client (it ends sooner when done: ~7 s on two free cores); 0s, the
 *     default, turns it off so that a stack serves as soon as its tasks do (benchmarks turn it on)
 */
public record BalancerSpec(int ioThreads, Duration warmup) {
    public static final Duration DEFAULT_WARMUP = Duration.ZERO;
    public static final BalancerSpec DEFAULTS = new BalancerSpec(0, DEFAULT_WARMUP);

    public BalancerSpec {
        if (ioThreads < 0 || ioThreads > 256) {
            throw new IllegalArgumentException("ioThreads: " + ioThreads + " (expected: 0-256, 0 = one per core)");
        }
        if (warmup.isNegative() || warmup.compareTo(gale.balancer.BalancerConfig.MAX_WARMUP) > 0) {
            throw new IllegalArgumentException("warmup: " + warmup + " (expected: 0s-1m, 0s = no warm-up)");
        }
    }
}
