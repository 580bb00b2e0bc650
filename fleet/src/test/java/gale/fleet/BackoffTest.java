package gale.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void delay_growsByMultiplierUpToMax() {
        Backoff backoff = Backoff.exponential(Duration.ofMillis(100), 2.0, Duration.ofMillis(500));

        assertThat(backoff.delay(0)).isZero();
        assertThat(backoff.delay(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.delay(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.delay(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(backoff.delay(4)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.delay(1_000)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void delay_staysWithinJitterAndMax() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(4), 0.2, new SplittableRandom(42));

        for (int i = 0; i < 200; i++) {
            assertThat(backoff.delay(1)).isBetween(Duration.ofMillis(800), Duration.ofMillis(1200));
            assertThat(backoff.delay(10)).isBetween(Duration.ofMillis(3200), Duration.ofSeconds(4));
        }
        assertThat(backoff.delay(2)).isNotEqualTo(backoff.delay(2));
    }

    @Test
    void rejectsInvalidSettingsWithWhatWasExpected() {
        assertThatThrownBy(() -> Backoff.exponential(Duration.ofSeconds(2), 2.0, Duration.ofSeconds(1)))
                .hasMessage("max: PT1S (expected: >= initial PT2S)");
        assertThatThrownBy(() -> Backoff.exponential(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(1)))
                .hasMessage("multiplier: 0.5 (expected: >= 1)");
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, 1, Duration.ZERO, 1.5, new SplittableRandom()))
                .hasMessage("jitter: 1.5 (expected: 0-1)");
    }
}
