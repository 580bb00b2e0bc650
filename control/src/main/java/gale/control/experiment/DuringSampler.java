package gale.control.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reads the state probes checked during the method every {@code interval}, from its start to its end. Traffic probes
 * need no sampler: the method's load measures them over their window.
 */
final class DuringSampler implements AutoCloseable {

    private final List<Probe> probes;
    private final StateProbes state;
    private final long startMillis;
    private final Map<Probe, List<ProbeCheck.Sample>> samples = new LinkedHashMap<>();
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("gale-experiment-probes").unstarted(r));

    DuringSampler(Hypothesis hypothesis, StateProbes state, long startMillis) {
        this.probes = hypothesis.probes().stream()
                .filter(p -> !p.measure().kind().traffic()
                        && p.tolerance(Phase.DURING).isPresent())
                .toList();
        this.state = state;
        this.startMillis = startMillis;
        probes.forEach(p -> samples.put(p, new ArrayList<>()));
        if (!probes.isEmpty()) {
            long every = hypothesis.interval().toMillis();
            clock.scheduleAtFixedRate(this::sample, 0, every, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * One reading of each probe in its window. A read the stack did not answer (the admin API busy or a pooled
     * connection closed under the call) is no sample: the next tick reads again, and a window with no answered read at
     * all shows "no data" and does not hold.
     */
    private void sample() {
        long offset = System.currentTimeMillis() - startMillis;
        for (Probe p : probes) {
            if (p.window().contains(offset)) {
                double value = state.measure(p.measure());
                if (Double.isNaN(value)) {
                    continue;
                }
                synchronized (samples) {
                    samples.get(p).add(new ProbeCheck.Sample(offset, value));
                }
            }
        }
    }

    /**
     * Each probe's check: held when every sample in its window was within tolerance (and there was one); the value
     * shown is the first sample out of tolerance, else the one nearest a bound.
     */
    List<ProbeCheck> checks() {
        close();
        List<ProbeCheck> checks = new ArrayList<>();
        synchronized (samples) {
            for (Probe p : probes) {
                Tolerance t = p.tolerance(Phase.DURING).orElseThrow();
                List<ProbeCheck.Sample> taken = samples.get(p);
                ProbeCheck.Sample shown = taken.stream()
                        .filter(s -> !t.holds(s.value()))
                        .findFirst()
                        .orElseGet(() -> nearestBound(taken, t));
                boolean held = !taken.isEmpty() && taken.stream().allMatch(s -> t.holds(s.value()));
                String note = taken.size() + " samples over " + p.window().describe()
                        + (shown == null ? "" : "; shown: at " + shown.offsetMillis() / 1000.0 + " s");
                checks.add(
                        new ProbeCheck(p, Phase.DURING, shown == null ? Double.NaN : shown.value(), held, note, taken));
            }
        }
        return checks;
    }

    private static ProbeCheck.Sample nearestBound(List<ProbeCheck.Sample> taken, Tolerance t) {
        return taken.stream()
                .min((a, b) -> Double.compare(slack(a.value(), t), slack(b.value(), t)))
                .orElse(null);
    }

    private static double slack(double value, Tolerance t) {
        double low = t.min() == null ? Double.MAX_VALUE : value - t.min();
        double high = t.max() == null ? Double.MAX_VALUE : t.max() - value;
        return Math.min(low, high);
    }

    @Override
    public void close() {
        clock.shutdownNow();
        try {
            clock.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
