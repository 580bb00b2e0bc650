package gale.control.admin;

import java.util.HashMap;
import java.util.Map;

/**
 * A token bucket per client address. Buckets that have refilled are forgotten, so a scan from many addresses costs
 * memory only while they keep sending.
 */
final class ClientRateLimit {

    private static final int SWEEP_ABOVE = 1024;

    private final double perNano;
    private final int burst;
    private final Map<String, Bucket> buckets = new HashMap<>();

    ClientRateLimit(int requestsPerSecond, int burst) {
        this.perNano = requestsPerSecond / 1e9;
        this.burst = burst;
    }

    /** Takes one request from {@code client}'s bucket: 0 when allowed, else the whole seconds until one is. */
    synchronized long take(String client, long nowNanos) {
        if (buckets.size() > SWEEP_ABOVE) {
            buckets.values().removeIf(b -> b.level(nowNanos, perNano, burst) >= burst);
        }
        Bucket bucket = buckets.computeIfAbsent(client, c -> new Bucket(burst, nowNanos));
        double level = bucket.level(nowNanos, perNano, burst);
        bucket.at = nowNanos;
        if (level >= 1) {
            bucket.tokens = level - 1;
            return 0;
        }
        bucket.tokens = level;
        return Math.max(1, (long) Math.ceil((1 - level) / perNano / 1e9));
    }

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }

        double level(long nowNanos, double perNano, int burst) {
            return Math.min(burst, tokens + (nowNanos - at) * perNano);
        }
    }
}
