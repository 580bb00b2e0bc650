package gale.control.experiment;

import gale.loadgen.LoadOutput;
import gale.loadgen.LoadResult;
import gale.loadgen.LoadRun;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks the hypothesis outside the method (before, after): state probes read once; traffic probes over a short
 * sample of requests ({@code steady-state.sample}), sent only when some traffic probe is checked in that phase.
 */
final class HypothesisCheck {

    private static final PrintStream DISCARD = new PrintStream(OutputStream.nullOutputStream());

    private final Hypothesis hypothesis;
    private final StateProbes state;
    private final Optional<URI> target;

    HypothesisCheck(Hypothesis hypothesis, StateProbes state, Optional<URI> target) {
        this.hypothesis = hypothesis;
        this.state = state;
        this.target = target;
    }

    List<ProbeCheck> check(Phase phase) {
        List<Probe> probes = hypothesis.probes().stream()
                .filter(p -> p.tolerance(phase).isPresent())
                .toList();
        TrafficMeasures sample =
                probes.stream().anyMatch(p -> p.measure().kind().traffic()) ? sample() : null;
        List<ProbeCheck> checks = new ArrayList<>();
        for (Probe p : probes) {
            double value = p.measure().kind().traffic()
                    ? (sample == null ? Double.NaN : sample.measure(p.measure(), Window.WHOLE))
                    : state.measure(p.measure());
            boolean held =
                    !Double.isNaN(value) && p.tolerance(phase).orElseThrow().holds(value);
            String note = p.measure().kind().traffic()
                    ? "a sample of " + hypothesis.sampleVus() + " VUs for "
                            + hypothesis.sampleDuration().toMillis() + " ms on " + hypothesis.samplePath()
                    : "read once";
            checks.add(new ProbeCheck(p, phase, value, held, note, List.of()));
        }
        return checks;
    }

    private TrafficMeasures sample() {
        if (target.isEmpty()) {
            return null;
        }
        LoadRun run = LoadRun.start(
                LoadPlans.sample(
                        target.get(), hypothesis.samplePath(), hypothesis.sampleVus(), hypothesis.sampleDuration()),
                LoadOutput.quiet(DISCARD));
        long start = System.currentTimeMillis();
        LoadResult result = run.await();
        return new TrafficMeasures(result, start);
    }
}
