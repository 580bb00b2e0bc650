package gale.loadgen.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlReportTest {

    @Test
    void axisLabel_writesLargeValuesWithGroupingAndSmallOnesWithTwoDecimals() {
        assertThat(HtmlReport.axisLabel(23_890.4)).isEqualTo("23,890");
        assertThat(HtmlReport.axisLabel(154.6)).isEqualTo("155");
        assertThat(HtmlReport.axisLabel(1.254)).isEqualTo("1.25");
    }
}
