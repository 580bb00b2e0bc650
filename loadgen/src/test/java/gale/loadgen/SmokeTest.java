package gale.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import gale.loadgen.plan.ExecutorSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void runs() throws Exception {
        try (CountingServer server = new CountingServer()) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            LoadResult r = LoadTest.run(Plans.one(server.url("/"), new ExecutorSpec.ConstantVus(4, Duration.ofSeconds(2))),
                    LoadOutput.quiet(new PrintStream(buf, true)));
            System.out.println(buf);
            assertThat(r.results().count("http_reqs")).isEqualTo(server.received());
        }
    }
}
