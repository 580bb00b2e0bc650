package gale.loadgen.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The protocol and streams options: defaults, the plan's keys, the flags, and what each refuses. */
class ProtocolOptionsTest {

    private static final String PLAN = """
            options: {OPTIONS}
            scenarios:
              s: {executor: shared-iterations, requests: ["http://127.0.0.1:9/"]}
            """;

    private static PlanOptions parse(String options) {
        return new PlanParser()
                .parse(PLAN.replace("OPTIONS", options), Path.of("."))
                .options();
    }

    private static PlanOptions flags(String protocol, Integer streams, boolean insecure) {
        return new PlanFlags(
                        "http://127.0.0.1:9/",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        protocol,
                        streams,
                        insecure)
                .toPlan()
                .options();
    }

    @Test
    void defaultsAreAutoAndAHundredStreams() {
        assertThat(parse("timeout: 5s").protocol()).isEqualTo(Protocol.AUTO);
        assertThat(parse("timeout: 5s").streamsPerConnection()).isEqualTo(100);
        assertThat(flags(null, null, false).protocol()).isEqualTo(Protocol.AUTO);
    }

    @Test
    void thePlanAndTheFlagsSetThem() {
        PlanOptions plan = parse("protocol: h2c, streamsPerConnection: 8");
        assertThat(plan.protocol()).isEqualTo(Protocol.H2C);
        assertThat(plan.streamsPerConnection()).isEqualTo(8);
        PlanOptions flags = flags("http1.1", 3, true);
        assertThat(flags.protocol()).isEqualTo(Protocol.HTTP1_1);
        assertThat(flags.streamsPerConnection()).isEqualTo(3);
        assertThat(flags.insecureSkipTlsVerify()).isTrue();
    }

    @Test
    void unknownValuesAreRefusedNamingTheField() {
        assertThatThrownBy(() -> parse("protocol: h3"))
                .hasMessageContaining("options.protocol: 'h3' (expected: auto, http1.1, h2, h2c)");
        assertThatThrownBy(() -> parse("streamsPerConnection: 0"))
                .hasMessageContaining("options.streamsPerConnection: 0 (expected: 1-10000)");
        assertThatThrownBy(() -> flags("spdy", null, false))
                .hasMessage("--protocol: 'spdy' (expected: auto, http1.1, h2, h2c)");
        assertThatThrownBy(() -> flags(null, 0, false)).hasMessage("--streams: 0 (expected: 1-10000)");
    }
}
