package gale.control.experiment.report;

import gale.control.experiment.ActionRecord;
import gale.control.experiment.ExperimentResult;
import gale.control.experiment.FigureResult;
import gale.control.experiment.ProbeCheck;
import java.io.PrintStream;

/** The verdict as the terminal shows it: each probe per phase, each action, the seed's figures beside Gale's. */
public final class ExperimentSummary {

    private ExperimentSummary() {}

    public static void print(ExperimentResult r, PrintStream out) {
        out.printf(
                "%n%s (%s, %s)%n",
                r.experiment().title(),
                r.experiment().name(),
                r.experiment().mode().key());
        out.printf("%-7s %-5s %-58s %-12s %s%n", "phase", "", "probe", "measured", "tolerance");
        for (ProbeCheck c : r.checks()) {
            out.printf(
                    "%-7s %-5s %-58s %-12s %s%n",
                    c.phase().key(),
                    c.held() ? "ok" : "FAIL",
                    c.probe().name(),
                    c.shown(),
                    c.tolerance().describe(c.probe().measure().kind().unit()));
        }
        if (!r.actions().isEmpty()) {
            out.printf("%n%-9s %8s %8s  %s%n", "part", "at (s)", "took", "action");
            for (ActionRecord a : r.actions()) {
                out.printf(
                        "%-9s %8.1f %6d ms  %s: %s%s%n",
                        a.part(),
                        a.startMillis() / 1000.0,
                        a.tookMillis(),
                        a.action(),
                        a.ok() ? "" : "FAILED ",
                        a.outcome());
            }
        }
        if (!r.figures().isEmpty()) {
            out.printf("%n%-46s %-24s %s%n", "seed's figure", "seed", "Gale");
            for (FigureResult f : r.figures()) {
                out.printf("%-46s %-24s %s%n", f.figure().label(), f.figure().seed(), f.shown());
            }
            r.experiment().seed().ifPresent(s -> out.printf("(seed: %s)%n", s.source()));
        }
        out.printf("%nverdict: %s: %s%n", r.status().key(), r.reason());
        out.flush();
    }
}
