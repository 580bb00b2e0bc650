package gale.control.stack;

/** The balancer's own settings: {@code ioThreads} event loops, 0 meaning one per core. */
public record BalancerSpec(int ioThreads) {

    public static final BalancerSpec DEFAULTS = new BalancerSpec(0);

    public BalancerSpec {
        if (ioThreads < 0 || ioThreads > 256) {
            throw new IllegalArgumentException("ioThreads: " + ioThreads + " (expected: 0-256, 0 = one per core)");
        }
    }
}
