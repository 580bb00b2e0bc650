package gale.app;

import static gale.app.TestApps.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GALE_APP_FAULT}: parsed at the edge, and each kind played by a real app. */
class AppFaultTest {

    @Test
    void parse_readsEachKind() {
        assertThat(AppFault.parse(null)).isEqualTo(AppFault.NONE);
        assertThat(AppFault.parse(" ")).isEqualTo(AppFault.NONE);
        assertThat(AppFault.parse("unhealthy").kind()).isEqualTo(AppFault.Kind.UNHEALTHY);
        assertThat(AppFault.parse("crash").kind()).isEqualTo(AppFault.Kind.CRASH);
        assertThat(AppFault.parse("errors:0.3").errorRate()).isEqualTo(0.3);
        assertThat(AppFault.parse("slow-start:20s").startDelay()).isEqualTo(Duration.ofSeconds(20));
        assertThat(AppFault.parse("slow-start:500ms").startDelay()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void parse_refusesWhatItDoesNotKnow() {
        for (String bad : new String[] {"sick", "errors", "errors:1.5", "errors:x", "slow-start:soon", "crash:1"}) {
            assertThatThrownBy(() -> AppFault.parse(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("GALE_APP_FAULT: '" + bad + "' (expected: unhealthy, errors:RATE");
        }
    }

    @Test
    void fromEnvironment_readsRevisionAndFault() {
        AppConfig config = AppConfig.fromEnvironment(Map.of("GALE_REVISION", "7", "GALE_APP_FAULT", "unhealthy"));

        assertThat(config.revision()).isEqualTo(7);
        assertThat(config.fault().kind()).isEqualTo(AppFault.Kind.UNHEALTHY);
    }

    @Test
    void unhealthyFailsHealthChecksButServesTheRest() throws Exception {
        try (ReferenceApp app = start(AppFault.parse("unhealthy"))) {
            var health = get(app, "/health");

            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(new JsonObject(health.body()).getString("reason")).isEqualTo("GALE_APP_FAULT=unhealthy");
            assertThat(get(app, "/").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void errorsAnswerThatShareWith500AndSpareHealthChecks() throws Exception {
        try (ReferenceApp app = start(AppFault.parse("errors:0.3"))) {
            int failed = 0;
            int requests = 400;
            for (int i = 0; i < requests; i++) {
                if (get(app, "/").statusCode() == 500) {
                    failed++;
                }
                assertThat(get(app, "/health").statusCode()).isEqualTo(200);
            }

            // 30% of 400: the binomial's standard deviation is about 9, so 70-170 holds but for a 5-sigma fluke.
            assertThat(failed).isBetween(70, 170);
        }
    }

    @Test
    void whoamiAndHelloTellTheRevision() throws Exception {
        try (ReferenceApp app = ReferenceApp.start(AppConfig.onPort(0)
                .withTaskId("web-rev")
                .withDbUrl(TestApps.freshDatabase())
                .withRevision(3))) {
            assertThat(new JsonObject(get(app, "/whoami").body()).getInteger("revision"))
                    .isEqualTo(3);
            assertThat(get(app, "/").body()).isEqualTo("Hello, World! from task web-rev (revision 3)\n");
        }
    }

    private static ReferenceApp start(AppFault fault) {
        return ReferenceApp.start(AppConfig.onPort(0)
                .withTaskId("web-fault")
                .withDbUrl(TestApps.freshDatabase())
                .withFault(fault));
    }
}
