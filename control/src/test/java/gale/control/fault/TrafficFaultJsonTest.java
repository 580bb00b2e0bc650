package gale.control.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gale.balancer.TrafficFault;
import gale.balancer.TrafficFaultKind;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The balancer's faults as the API, the CLI and plans write them: read, defaulted by the balancer, refused. */
class TrafficFaultJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void httpErrorTakesTheBalancersDefaultsAndShowsThem() throws Exception {
        FaultSpec spec = parse("{\"kind\": \"http-error\", \"duration\": \"10s\"}");

        TrafficFault fault = spec.parameters().traffic().toFault(spec.kind(), "web", null, spec.duration());
        assertThat(fault.kind()).isEqualTo(TrafficFaultKind.HTTP_ERROR);
        assertThat(fault.errorRate()).isEqualTo(TrafficFault.DEFAULT_ERROR_RATE);
        assertThat(fault.errorStatus()).isEqualTo(503);
        assertThat(fault.toxicity()).isEqualTo(1.0);
        assertThat(FaultJson.toJson(spec).toString())
                .isEqualTo("{\"kind\":\"http-error\",\"duration\":\"10000ms\",\"toxicity\":1.0,\"rate\":1.0,"
                        + "\"status\":503,\"stopOn\":[]}");
    }

    @Test
    void everyParameterAndTheScopeAreRead() throws Exception {
        FaultSpec spec = parse("{\"kind\": \"http-latency\", \"targetGroup\": \"api\", \"target\": \"127.0.0.1:9000\","
                + " \"delay\": \"250ms\", \"jitter\": 0.05, \"toxicity\": 0.5, \"duration\": 30}");
        InetSocketAddress target = new InetSocketAddress("127.0.0.1", 9000);

        TrafficFault fault = spec.parameters().traffic().toFault(spec.kind(), "api", target, spec.duration());
        assertThat(spec.selection().targetGroup()).isEqualTo("api");
        assertThat(spec.selection().target()).isEqualTo("127.0.0.1:9000");
        assertThat(fault.delay()).isEqualTo(Duration.ofMillis(250));
        assertThat(fault.jitter()).isEqualTo(Duration.ofMillis(50));
        assertThat(fault.toxicity()).isEqualTo(0.5);
        assertThat(fault.target()).isEqualTo(target);
        assertThat(fault.duration()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void bandwidthRateIsWholeBytesPerSecond() throws Exception {
        FaultSpec spec = parse("{\"kind\": \"net-bandwidth\", \"rate\": 50000, \"duration\": \"1m\"}");

        assertThat(spec.parameters()
                        .traffic()
                        .toFault(spec.kind(), "web", null, spec.duration())
                        .bytesPerSecond())
                .isEqualTo(50_000);
        assertThatThrownBy(() -> parse("{\"kind\": \"net-bandwidth\", \"rate\": 0.5, \"duration\": \"1m\"}"))
                .hasMessage("rate: 0.5 (expected: a whole number of bytes per second, at least 1, for net-bandwidth)");
    }

    @Test
    void refusesWhatTheKindDoesNotReadAndWhatItNeeds() {
        assertThatThrownBy(() -> parse("{\"kind\": \"net-reset\", \"delay\": \"1s\", \"duration\": \"1m\"}"))
                .hasMessageStartingWith(
                        "delay: \"1s\" (expected: a field net-reset reads: [target, targetGroup," + " toxicity])");
        assertThatThrownBy(() -> parse("{\"kind\": \"task-hang\", \"targetGroup\": \"web\", \"duration\": \"1m\"}"))
                .hasMessageStartingWith("targetGroup: \"web\" (expected: a field task-hang reads");
        assertThatThrownBy(() -> parse("{\"kind\": \"net-slow-close\", \"duration\": \"1m\"}"))
                .hasMessage("delay: missing (expected: a duration like 500ms for net-slow-close)");
        assertThatThrownBy(() -> parse("{\"kind\": \"net-blackhole\", \"toxicity\": 2, \"duration\": \"1m\"}"))
                .hasMessage("toxicity: 2.0 (expected: 0-1)");
        assertThatThrownBy(() -> parse("{\"kind\": \"http-error\", \"status\": 99, \"duration\": \"1m\"}"))
                .hasMessage("status: 99 (expected: 200-599)");
        assertThatThrownBy(() -> parse("{\"kind\": \"http-error\"}")).hasMessageStartingWith("duration: missing");
    }

    private static FaultSpec parse(String json) throws Exception {
        JsonNode node = JSON.readTree(json);
        return FaultJson.parse(node);
    }
}
