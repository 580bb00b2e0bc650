package gale.balancer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigTest {
    @Test
    void successCodesAcceptRangesAndLists() {
        SuccessCodes codes = SuccessCodes.parse("200-299, 304,418");

        assertThat(codes.matches(200)).isTrue();
        assertThat(codes.matches(299)).isTrue();
        assertThat(codes.matches(304)).isTrue();
        assertThat(codes.matches(418)).isTrue();
        assertThat(codes.matches(300)).isFalse();
        assertThat(codes.matches(500)).isFalse();
    }

    @Test
    void invalidValuesNameTheFieldAndWhatWasExpected() {
        assertThatThrownBy(() -> SuccessCodes.parse("200-abc"))
                .hasMessageStartingWith("successCodes: '200-abc' (expected:");
        assertThatThrownBy(() -> new ListenerConfig("127.0.0.1", 70000, List.of(), "web", ListenerLimits.DEFAULTS))
                .hasMessage("port: 70000 (expected: 0-65535)");
        assertThatThrownBy(() -> new HealthCheckConfig("/", Duration.ofSeconds(1), Duration.ofSeconds(2), 2, 2, "200"))
                .hasMessageStartingWith("timeout: PT2S (expected: <= interval");
        assertThatThrownBy(() -> new HealthCheckConfig(
                        "/health check", Duration.ofSeconds(1), Duration.ofSeconds(1), 2, 2, "200"))
                .hasMessage(
                        "path: '/health check' (expected: printable ASCII without spaces; percent-encode the rest)");
        assertThatThrownBy(() -> new RuleConfig("api", null, "web"))
                .hasMessage("pathPrefix: 'api' (expected: starts with /)");
    }

    @Test
    void listenersMustNameExistingTargetGroups() {
        assertThatThrownBy(() -> new BalancerConfig(
                        List.of(ListenerConfig.of(0, "missing")), List.of(TargetGroupConfig.of("web")), 1))
                .hasMessage("listeners[0].defaultTargetGroup: 'missing' (expected: one of [web])");
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        assertThat(ListenerLimits.DEFAULTS)
                .isEqualTo(new ListenerLimits(
                        10_000,
                        16 * 1024,
                        10L * 1024 * 1024,
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(60)));
        assertThat(HealthCheckConfig.DEFAULTS.successCodes()).isEqualTo("200-399");
    }
}
