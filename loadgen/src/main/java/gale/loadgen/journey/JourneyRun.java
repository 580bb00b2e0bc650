package gale.loadgen.journey;

import gale.loadgen.http.ClientExchange;
import gale.loadgen.http.ExchangeListener;
import gale.loadgen.http.LoopClient;
import gale.loadgen.http.PreparedRequest;
import gale.loadgen.metrics.LoopMetrics;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One VU's walk through a journey, an iteration at a time, on the VU's event loop: steps are interpreted from a
 * stack of frames (one per group being run), a request step renders and sends its requests and resumes when the
 * last response has ended, a pause resumes from the loop's timer. Variables and cookies are the VU's own and start
 * empty each iteration.
 */
public final class JourneyRun implements ExchangeListener {

    /** Synchronous completions (an immediate failure) are re-dispatched past this depth to bound the stack. */
    private static final int MAX_DEPTH = 8;

    /** Told when an iteration's steps have ended; {@code exhausted} when a feeder ran out of records. */
    @FunctionalInterface
    public interface Ended {
        void iterationEnded(boolean exhausted);
    }

    private final Journey journey;
    private final PreparedRequest[] shapes;
    private final String[] hostHeaders;
    private final LoopClient client;
    private final LoopMetrics metrics;
    private final int scenario;
    private final BooleanSupplier halted;
    private final Ended ended;
    private final SplittableRandom random;
    private final Map<String, String> vars = new HashMap<>();
    private final CookieJar cookies = new CookieJar();
    private final ArrayDeque<Frame> frames = new ArrayDeque<>();
    private final ClientExchange[] exchanges;
    private final StepRequest[] inFlight;
    private final boolean[] checks;
    private int pending;
    private int depth;
    private long intended;

    /** {@code shapes} are the scenario's prepared requests, by {@link StepRequest#slot()}. */
    public JourneyRun(
            Journey journey,
            PreparedRequest[] shapes,
            LoopClient client,
            LoopMetrics metrics,
            int scenario,
            BooleanSupplier halted,
            Ended ended,
            long seed) {
        this.journey = journey;
        this.shapes = shapes;
        this.client = client;
        this.metrics = metrics;
        this.scenario = scenario;
        this.halted = halted;
        this.ended = ended;
        this.random = new SplittableRandom(seed);
        this.hostHeaders = new String[shapes.length];
        int checkCount = 0;
        for (int i = 0; i < shapes.length; i++) {
            var url = shapes[i].spec().url();
            hostHeaders[i] = url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
            checkCount = Math.max(checkCount, shapes[i].spec().checks().count());
        }
        int batch = widest(journey.steps());
        this.exchanges = new ClientExchange[batch];
        for (int i = 0; i < batch; i++) {
            exchanges[i] = new ClientExchange();
        }
        this.inFlight = new StepRequest[batch];
        this.checks = new boolean[checkCount];
    }

    /** Starts an iteration; in the open model its first request is measured from {@code intendedNanos}. */
    public void start(long intendedNanos) {
        intended = intendedNanos;
        vars.clear();
        cookies.clear();
        frames.clear();
        frames.push(new Frame(journey.steps(), -1, 0));
        advance();
    }

    private void advance() {
        while (true) {
            if (halted.getAsBoolean()) {
                return;
            }
            Frame f = frames.peek();
            if (f == null) {
                ended.iterationEnded(false);
                return;
            }
            if (f.pos >= f.steps.size()) {
                frames.pop();
                if (f.group >= 0) {
                    metrics.group(scenario, f.group, System.nanoTime() - f.start);
                }
                continue;
            }
            Step step = f.steps.get(f.pos);
            if (f.left < 0) {
                f.left = step.when() == null || step.when().test(vars) ? step.repeat() : 0;
            }
            if (f.left == 0) {
                f.pos++;
                f.left = -1;
                continue;
            }
            f.left--;
            switch (step.action()) {
                case Step.Group g -> frames.push(new Frame(g.steps(), g.slot(), System.nanoTime()));
                case Step.Feed feed -> {
                    Map<String, String> record = feed.feeder().next(random);
                    if (record == null) {
                        ended.iterationEnded(true);
                        return;
                    }
                    vars.putAll(record);
                }
                case Step.Pause p -> {
                    client.loop().schedule(this::advance, p.think().nextNanos(random), TimeUnit.NANOSECONDS);
                    return;
                }
                case Step.Send send -> {
                    send(send.requests());
                    return;
                }
            }
        }
    }

    private void send(List<StepRequest> requests) {
        pending = requests.size();
        for (int i = 0; i < requests.size(); i++) {
            StepRequest r = requests.get(i);
            inFlight[i] = r;
            PreparedRequest shape = shapes[r.slot()];
            Map<String, String> headers = new LinkedHashMap<>();
            r.headers().forEach((k, v) -> headers.put(k, v.render(vars)));
            String cookie = cookies.header(shape.origin().host());
            if (cookie != null) {
                headers.merge("Cookie", cookie, (a, b) -> a + "; " + b);
            }
            PreparedRequest p = PreparedRequest.encode(
                    shape.index(),
                    shape.spec(),
                    shape.origin(),
                    r.target().render(vars),
                    hostHeaders[r.slot()],
                    headers,
                    r.body() == null ? null : r.body().render(vars),
                    r.needsBody(),
                    true);
            exchanges[i].reset(p, intended);
            intended = 0;
            depth++;
            try {
                client.execute(exchanges[i], this);
            } finally {
                depth--;
            }
        }
    }

    @Override
    public void onComplete(ClientExchange e) {
        int i = 0;
        while (exchanges[i] != e) {
            i++;
        }
        StepRequest r = inFlight[i];
        PreparedRequest p = e.request();
        try {
            if (halted.getAsBoolean()) {
                return;
            }
            // Captures first, so a check may compare with a value this response carried.
            for (Capture c : r.captures()) {
                String value = e.gotResponse() ? c.extract(e.body(), e.headers()) : null;
                if (value == null) {
                    vars.remove(c.variable());
                } else {
                    vars.put(c.variable(), value);
                }
            }
            int count = check(r, e);
            cookies.store(p.origin().host(), e.headers());
            metrics.record(p.index(), e, checks, count);
        } finally {
            p.release();
        }
        if (--pending > 0) {
            return;
        }
        if (depth > MAX_DEPTH) {
            client.loop().execute(this::advance);
        } else {
            advance();
        }
    }

    /** Fills {@link #checks} in {@link gale.loadgen.plan.Checks#names()}'s order; returns how many. */
    private int check(StepRequest r, ClientExchange e) {
        int k = 0;
        if (!r.checks().status().isEmpty()) {
            checks[k++] = r.checks().status().contains(e.status());
        }
        if (r.bodyContains() != null) {
            CharSequence body = e.body();
            checks[k++] = e.gotResponse()
                    && body != null
                    && body.toString().contains(r.bodyContains().render(vars));
        }
        for (Map.Entry<String, Template> h : r.headerChecks().entrySet()) {
            String actual = Capture.Headers.value(e.headers(), h.getKey());
            checks[k++] = e.gotResponse() && h.getValue().render(vars).equals(actual);
        }
        return k;
    }

    private static int widest(List<Step> steps) {
        int most = 1;
        for (Step s : steps) {
            most = Math.max(
                    most,
                    switch (s.action()) {
                        case Step.Send send -> send.requests().size();
                        case Step.Group g -> widest(g.steps());
                        default -> 1;
                    });
        }
        return most;
    }

    /** Where the walk is in one list of steps: the step, the runs of it left, and the group it times. */
    private static final class Frame {
        final List<Step> steps;
        final int group;
        final long start;
        int pos;
        int left = -1;

        Frame(List<Step> steps, int group, long start) {
            this.steps = steps;
            this.group = group;
            this.start = start;
        }
    }
}
