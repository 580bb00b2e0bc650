package gale.control.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnitTest {

    @Test
    void countsAndMillisecondsReadAsTheSeedsWriteThem() {
        assertThat(Unit.COUNT.format(5715)).isEqualTo("5,715");
        assertThat(Unit.COUNT.format(3)).isEqualTo("3");
        assertThat(Unit.MILLIS.format(203_486)).isEqualTo("203,486.0 ms");
        assertThat(Unit.MILLIS.format(0.25)).isEqualTo("0.3 ms");
        assertThat(Unit.SHARE.format(0.8658)).isEqualTo("86.58%");
        assertThat(Unit.NUMBER.format(42)).isEqualTo("42");
        assertThat(Unit.NUMBER.format(0.123456)).isEqualTo("0.1235");
    }
}
