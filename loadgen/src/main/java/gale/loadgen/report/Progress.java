package gale.loadgen.report;

import gale.loadgen.metrics.SecondRow;
import gale.loadgen.plan.ExecutorSpec;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/** Live progress: one redrawn line on a terminal, a plain line every few seconds otherwise (CI logs). */
public final class Progress {

    private static final int PLAIN_EVERY_SECONDS = 5;

    private final PrintStream out;
    private final boolean terminal;
    private final Duration total;
    private long requests;
    private long failed;

    public Progress(PrintStream out, boolean terminal, Duration total) {
        this.out = out;
        this.terminal = terminal;
        this.total = total;
    }

    public void update(SecondRow row) {
        requests += row.requests();
        failed += row.failed();
        String line = String.format(
                Locale.ROOT,
                "%s/%s  vus=%d  req/s=%d  reqs=%d  errors=%d (%.2f%%)  p95=%.2fms",
                clock(row.second()),
                total.compareTo(ExecutorSpec.ExternallyControlled.UNTIL_STOPPED) >= 0
                        ? "--:--"
                        : clock(total.toSeconds()),
                row.vus(),
                row.requests(),
                requests,
                failed,
                requests == 0 ? 0 : 100.0 * failed / requests,
                row.p95());
        if (terminal) {
            out.print("\r\033[2K" + line);
            out.flush();
        } else if (row.second() % PLAIN_EVERY_SECONDS == 0) {
            out.println(line);
        }
    }

    public void finish() {
        if (terminal) {
            out.println();
        }
    }

    private static String clock(long seconds) {
        return String.format(Locale.ROOT, "%02d:%02d", seconds / 60, seconds % 60);
    }
}
