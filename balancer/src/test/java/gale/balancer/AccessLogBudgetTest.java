package gale.balancer;

import static gale.balancer.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A burst of the balancer's own answers (here 400s to a smuggling shape) is logged up to the budget, and the lines left
 * out are counted into a later line: the log stays readable and costs the event loop little, and no answer goes
 * uncounted.
 */
class AccessLogBudgetTest {
    private static final String SMUGGLING =
            "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab";
    private static final Pattern NOT_LOGGED = Pattern.compile(" (\\d+) answers of the balancer .* were not logged");

    private final Logger access = (Logger) LoggerFactory.getLogger("gale.access");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private Level levelBefore;
    private TestBackend backend;
    private Balancer balancer;

    @BeforeEach
    void start() throws Exception {
        levelBefore = access.getLevel();
        access.setLevel(Level.INFO);
        lines.start();
        access.addAppender(lines);
        backend = TestBackend.start("a");
        balancer = Fixtures.start(group("web", backend));
        awaitStates(balancer, "web", TargetState.HEALTHY, 1);
    }

    @AfterEach
    void stop() throws Exception {
        access.detachAppender(lines);
        access.setLevel(levelBefore);
        balancer.close();
        backend.close();
    }

    @Test
    void aBurstOfRejectionsIsLoggedUpToTheBudgetAndTheRestCountedInALaterLine() throws Exception {
        int burst = 400;
        long start = System.nanoTime();
        for (int i = 0; i < burst; i++) {
            assertThat(RawHttp.exchange(balancer.port(0), SMUGGLING).status()).isEqualTo(400);
        }
        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds() + 1;
        assertThat(rejectionLines())
                .as("at most 50 lines in each second the burst spanned")
                .isBetween(50L, 50 * (seconds + 1));

        // The count of the lines left out comes with the first line of a later second.
        int[] sent = {burst};
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    assertThat(RawHttp.exchange(balancer.port(0), SMUGGLING).status())
                            .isEqualTo(400);
                    sent[0]++;
                    assertThat(rejectionLines() + notLogged()).isEqualTo(sent[0]);
                });
        assertThat(notLogged()).isPositive();
    }

    private long rejectionLines() {
        return messages().stream().filter(m -> m.contains(" -> 400 ")).count();
    }

    private long notLogged() {
        long sum = 0;
        for (String message : messages()) {
            Matcher m = NOT_LOGGED.matcher(message);
            if (m.find()) {
                sum += Long.parseLong(m.group(1));
            }
        }
        return sum;
    }

    private List<String> messages() {
        synchronized (lines) { // the appender appends under its own lock
            return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }
}
