package gale.loadgen.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * The load-plan reader on arbitrary text: it answers a LoadPlan or a PlanException with a message, never anything
 * else. Seeds: PlanParserFuzzTestInputs/.
 */
class PlanParserFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void parse(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        try {
            assertThat(new PlanParser().parse(text)).isNotNull();
        } catch (PlanException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }
}
