package gale.balancer.internal.pool;

/**
 * How long a target's pooled connections may stay idle, shared by its pools on every event loop: the balancer's
 * default, lowered when the target's responses carry {@code Keep-Alive: timeout=N}.
 */
public final class IdleLimit {
    /** Read on every pooled acquire; written when a response carries a lower hint. */
    private volatile long nanos;

    public IdleLimit(long nanos) {
        this.nanos = nanos;
    }

    public long nanos() {
        return nanos;
    }

    /** Keeps pooled connections below the target's own keep-alive timeout, with a second to spare. */
    public void keepAliveHint(long seconds) {
        long hinted = seconds <= 1 ? 500_000_000L : (seconds - 1) * 1_000_000_000L;
        if (hinted < nanos) {
            nanos = hinted;
        }
    }
}
