package gale.loadgen.executor;

import gale.loadgen.http.ClientExchange;
import gale.loadgen.http.ExchangeListener;
import gale.loadgen.http.PreparedRequest;
import gale.loadgen.journey.JourneyRun;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A virtual user: a small state machine bound to one event loop, not a thread. An iteration sends the scenario's
 * requests in order (each one when the previous response has ended), records them, thinks on the loop's timer, and
 * hands back to its driver. About a hundred bytes plus one reusable {@link ClientExchange}, so 50,000 are cheap.
 */
final class VirtualUser implements ExchangeListener {

    static final int PARKED = 0;
    static final int RUNNING = 1;
    static final int RETIRING = 2;

    /** Synchronous completions (an immediate failure) are re-dispatched past this depth to bound the stack. */
    private static final int MAX_DEPTH = 8;

    final VuLoop ctx;
    final ScenarioDriver driver;
    /** PARKED, RUNNING or RETIRING; the ramping controller flips it from its own thread. */
    final AtomicInteger state = new AtomicInteger(PARKED);
    /** Iterations left for per-vu-iterations; unused otherwise. */
    long remaining;

    private final PreparedRequest[] requests;
    private final ClientExchange exchange = new ClientExchange();
    private final boolean[] checks;
    private final long thinkNanos;
    private int next;
    private int depth;
    private long iterationStart;
    private long intended;
    /** The scenario's journey walked by this VU; null on the fixed-request path. */
    private final JourneyRun journey;

    VirtualUser(VuLoop ctx, ScenarioDriver driver) {
        this.ctx = ctx;
        this.driver = driver;
        this.requests = driver.requests;
        this.thinkNanos = driver.scenario.think().toNanos();
        int most = 0;
        for (PreparedRequest r : requests) {
            most = Math.max(most, r.spec().checks().count());
        }
        this.checks = new boolean[most];
        this.journey = driver.scenario.journey() == null
                ? null
                : new JourneyRun(
                        driver.scenario.journey(),
                        requests,
                        ctx.client(),
                        ctx.metrics(),
                        driver.index,
                        driver::halted,
                        this::journeyEnded,
                        System.identityHashCode(this) ^ System.nanoTime());
    }

    /** Starts an iteration now (closed model) or at {@code intendedNanos} (open model, measured from then). */
    void startIteration(long intendedNanos) {
        intended = intendedNanos;
        iterationStart = intendedNanos != 0 ? intendedNanos : System.nanoTime();
        next = 0;
        if (journey != null) {
            journey.start(intendedNanos);
            return;
        }
        send();
    }

    /** A journey's steps ended; a feeder that ran out ends the scenario (Gatling's queue feeder does). */
    private void journeyEnded(boolean exhausted) {
        if (exhausted) {
            driver.stop();
            driver.iterationDone(this);
        } else if (thinkNanos > 0) {
            ctx.loop().schedule(this::endIteration, thinkNanos, TimeUnit.NANOSECONDS);
        } else {
            ctx.loop().execute(this::endIteration);
        }
    }

    private void send() {
        exchange.reset(requests[next], next == 0 ? intended : 0);
        depth++;
        try {
            ctx.client().execute(exchange, this);
        } finally {
            depth--;
        }
    }

    @Override
    public void onComplete(ClientExchange e) {
        PreparedRequest request = e.request();
        int count = request.spec().checks().count();
        if (count > 0) {
            request.spec().checks().results(e.status(), e.body(), checks);
        }
        ctx.metrics().record(request.index(), e, checks, count);
        if (driver.halted()) {
            return;
        }
        next++;
        if (next < requests.length) {
            if (depth > MAX_DEPTH) {
                ctx.loop().execute(this::send);
            } else {
                send();
            }
        } else if (thinkNanos > 0) {
            ctx.loop().schedule(this::endIteration, thinkNanos, TimeUnit.NANOSECONDS);
        } else if (depth > MAX_DEPTH) {
            ctx.loop().execute(this::endIteration);
        } else {
            endIteration();
        }
    }

    private void endIteration() {
        if (driver.halted()) {
            return;
        }
        ctx.metrics().iteration(driver.index, System.nanoTime() - iterationStart);
        driver.iterationDone(this);
    }
}
