package gale.balancer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of the desync corpus, in every mode, through a real balancer to a real target that records the bytes it
 * gets: the decision is the table's, what reaches the target is a request a strict server reads one way, and nothing
 * Severe reaches it. Each case is followed on its connection by a pipelined {@code GET /next}, which only a request
 * forwarded without closing lets through.
 */
@ExtendWith(LeakCheck.class)
class DesyncCorpusTest {
    private static final String NEXT = "GET /next HTTP/1.1\r\nHost: a\r\n\r\n";

    private static RecordingBackend backend;
    private static final Map<DesyncMitigationMode, Balancer> balancers = new EnumMap<>(DesyncMitigationMode.class);
    private static final DesyncEvents observer = new DesyncEvents();

    /** The classifications the balancers report, as {@code "<mode> <class>"}. */
    private static final class DesyncEvents implements BalancerObserver {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void desyncClassified(int port, DesyncMitigationMode mode, DesyncClassification classification) {
            events.add(mode.label() + " " + classification.label());
        }
    }

    @BeforeAll
    static void start() throws Exception {
        backend = new RecordingBackend();
        for (DesyncMitigationMode mode : DesyncMitigationMode.values()) {
            TargetGroupConfig group = Fixtures.group("web", Algorithm.ROUND_ROBIN, backend.address());
            ListenerConfig listener = new ListenerConfig("127.0.0.1", 0, List.of(), "web", Fixtures.testLimits(), mode);
            Balancer b = Balancer.start(new BalancerConfig(List.of(listener), List.of(group), 1));
            b.setObserver(observer);
            balancers.put(mode, b);
            Fixtures.awaitStates(b, "web", TargetState.HEALTHY, 1);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (Balancer b : balancers.values()) {
            b.close();
        }
        backend.close();
    }

    static Stream<Arguments> runs() {
        List<Arguments> runs = new ArrayList<>();
        for (DesyncCorpus.Case c : DesyncCorpus.cases()) {
            for (DesyncMitigationMode mode : DesyncMitigationMode.values()) {
                runs.add(Arguments.of(mode, c));
            }
        }
        return runs.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("runs")
    void eachCaseGetsItsModesDecision(DesyncMitigationMode mode, DesyncCorpus.Case c) throws Exception {
        backend.clear();
        observer.events.clear();
        Balancer balancer = balancers.get(mode);
        String decision = c.decisions().get(mode);
        int expected = decision.equals("forward") ? c.requests() + 1 : 1;
        List<RawHttp.Response> responses = new ArrayList<>();
        boolean closed = false;
        try (RawHttp http = new RawHttp(balancer.port(0))) {
            http.send(c.request() + NEXT);
            RawHttp.Response r;
            while (responses.size() < expected && (r = http.read()) != null) {
                responses.add(r);
            }
            if (!decision.equals("forward")) { // else the connection waits for more, as it should
                closed = http.closedByServer();
            }
        }
        String worst = observer.events.stream()
                .filter(e -> e.startsWith(mode.label() + " "))
                .map(e -> e.substring(e.lastIndexOf(' ') + 1))
                .reduce("Compliant", DesyncCorpusTest::worse);
        assertThat(worst).as("classification counted").isEqualTo(c.classification());

        switch (decision) {
            case "forward" -> {
                assertThat(responses).extracting(RawHttp.Response::status).containsOnly(200);
                assertThat(responses).hasSize(c.requests() + 1);
                await().atMost(Duration.ofSeconds(5))
                        .until(() -> backend.received().size() == c.requests() + 1);
                assertThat(backend.received().getLast().path()).isEqualTo("/next");
            }
            case "forward, close" -> {
                assertThat(responses).extracting(RawHttp.Response::status).containsExactly(200);
                assertThat(responses.getFirst().header("connection")).isEqualTo("close");
                assertThat(closed).as("client connection closed").isTrue();
                await().atMost(Duration.ofSeconds(5))
                        .until(() -> backend.received().size() == 1);
                RecordingBackend.Received got = backend.received().getFirst();
                assertThat(got.asksToClose()).isTrue();
                await().atMost(Duration.ofSeconds(5)).until(() -> backend.closedByPeer(got.connection()));
            }
            case "400" -> {
                assertThat(responses).extracting(RawHttp.Response::status).containsExactly(400);
                assertThat(closed).as("client connection closed").isTrue();
                RawHttp.Response r = responses.getFirst();
                assertThat(r.header("x-gale-desync-classification")).isEqualTo(c.classification());
                assertThat(r.header("x-gale-desync-reason")).isEqualTo(c.reason());
                if (c.reason().equals("BadChunkedBody")) { // found in the body, once its head was forwarded
                    assertThat(backend.bytes()).doesNotContain("10000000000000000");
                } else {
                    assertThat(backend.bytes()).isEmpty();
                }
                assertThat(backend.received()).isEmpty();
            }
            default -> throw new IllegalStateException("decision: " + decision);
        }
        for (RecordingBackend.Received got : backend.received()) {
            assertThat(got.problems())
                    .as("what reached the target: %s", got.head())
                    .isEmpty();
        }
        if (c.classification().equals("Severe") && mode != DesyncMitigationMode.MONITOR) {
            assertThat(backend.received())
                    .as("nothing Severe reaches the target")
                    .isEmpty();
        }
    }

    @Test
    void docsTableIsTheCorpus() throws Exception {
        List<String> doc = Files.readAllLines(Path.of("../docs/balancer.md"));
        int start = doc.indexOf(DesyncCorpus.lines().getFirst());
        assertThat(start).as("docs/balancer.md has the corpus table").isNotNegative();
        List<String> table = doc.subList(start, doc.size()).stream()
                .takeWhile(l -> l.startsWith("|"))
                .toList();
        assertThat(table).isEqualTo(DesyncCorpus.lines());
    }

    @Test
    void corpusCoversEveryReason() {
        List<String> reasons =
                DesyncCorpus.cases().stream().map(DesyncCorpus.Case::reason).toList();
        assertThat(reasons)
                .containsAll(Stream.of(gale.balancer.internal.http1.DesyncReason.values())
                        .map(gale.balancer.internal.http1.DesyncReason::label)
                        .toList());
    }

    private static String worse(String a, String b) {
        List<String> order = List.of("Compliant", "Acceptable", "Ambiguous", "Severe");
        return order.indexOf(b) > order.indexOf(a) ? b : a;
    }
}
