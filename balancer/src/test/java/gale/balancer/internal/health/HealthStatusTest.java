package gale.balancer.internal.health;

import static org.assertj.core.api.Assertions.assertThat;

import gale.balancer.TargetReason;
import gale.balancer.TargetState;
import org.junit.jupiter.api.Test;

class HealthStatusTest {
    private final HealthStatus status = new HealthStatus(2, 3);

    @Test
    void startsInitialAndBecomesHealthyAtTheHealthyThreshold() {
        assertThat(status.state()).isEqualTo(TargetState.INITIAL);
        assertThat(status.reason()).isEqualTo(TargetReason.INITIAL_HEALTH_CHECKING);

        assertThat(status.onSuccess()).isFalse();
        assertThat(status.onSuccess()).isTrue();

        assertThat(status.state()).isEqualTo(TargetState.HEALTHY);
    }

    @Test
    void becomesUnhealthyOnlyAfterConsecutiveFailures() {
        status.onSuccess();
        status.onSuccess();

        status.onFailure(TargetReason.TIMEOUT, "slow");
        status.onFailure(TargetReason.TIMEOUT, "slow");
        status.onSuccess(); // breaks the run
        status.onFailure(TargetReason.TIMEOUT, "slow");
        status.onFailure(TargetReason.TIMEOUT, "slow");
        assertThat(status.state()).isEqualTo(TargetState.HEALTHY);

        assertThat(status.onFailure(TargetReason.RESPONSE_CODE_MISMATCH, "status 500"))
                .isTrue();
        assertThat(status.state()).isEqualTo(TargetState.UNHEALTHY);
        assertThat(status.reason()).isEqualTo(TargetReason.RESPONSE_CODE_MISMATCH);
        assertThat(status.detail()).isEqualTo("status 500");
    }

    @Test
    void unhealthyTargetKeepsTheLatestReasonAndRecoversAtTheHealthyThreshold() {
        status.markDown(TargetReason.CONNECTION_REFUSED, "connection refused");
        status.onFailure(TargetReason.TIMEOUT, "no response");
        assertThat(status.reason()).isEqualTo(TargetReason.TIMEOUT);

        assertThat(status.onSuccess()).isFalse();
        assertThat(status.onSuccess()).isTrue();
        assertThat(status.state()).isEqualTo(TargetState.HEALTHY);
    }

    @Test
    void passiveMarkDownIsImmediate() {
        status.onSuccess();
        status.onSuccess();

        assertThat(status.markDown(TargetReason.CONNECTION_RESET, "reset")).isTrue();

        assertThat(status.state()).isEqualTo(TargetState.UNHEALTHY);
        assertThat(status.markDown(TargetReason.CONNECTION_RESET, "again")).isFalse();
    }

    @Test
    void drainingIsFinal() {
        assertThat(status.drain()).isTrue();

        assertThat(status.onSuccess()).isFalse();
        assertThat(status.onSuccess()).isFalse();
        assertThat(status.markDown(TargetReason.CONNECTION_RESET, "reset")).isFalse();
        assertThat(status.drain()).isFalse();
        assertThat(status.state()).isEqualTo(TargetState.DRAINING);
        assertThat(status.reason()).isEqualTo(TargetReason.DEREGISTRATION_IN_PROGRESS);
    }
}
