package gale.control.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * The stack-file reader on arbitrary text: it answers a StackConfig or a StackFileException naming the file and a
 * line inside it, never anything else. Seeds: StackFileFuzzTestInputs/.
 */
class StackFileFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void parse(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        long lines = text.lines().count();
        try {
            assertThat(StackFile.parse("fuzz.yaml", text)).isNotNull();
        } catch (StackFileException e) {
            assertThat(e.getMessage()).startsWith("fuzz.yaml");
            assertThat(e.line()).isBetween(0, (int) lines + 1);
        }
    }
}
