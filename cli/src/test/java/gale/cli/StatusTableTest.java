package gale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The people's view of {@code gale status --json}. */
class StatusTableTest {

    private static String print(String json) throws Exception {
        JsonNode status = new ObjectMapper().readTree(json);
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            StatusTable.print(status, out);
        }
        return text.toString();
    }

    @Test
    void aTargetInSlowStartShowsTheSecondsLeftAfterItsReason() throws Exception {
        String table = print("""
                {"services": [], "tasks": [], "targets": [
                  {"targetGroup": "web", "id": "web-1", "address": "127.0.0.1:4001", "state": "HEALTHY",
                   "reason": "Target.Healthy", "detail": "", "inFlight": 0, "slowStartLeftMs": 12300},
                  {"targetGroup": "web", "id": "web-2", "address": "127.0.0.1:4002", "state": "HEALTHY",
                   "reason": "Target.Healthy", "detail": "", "inFlight": 0, "slowStartLeftMs": 0}
                ]}""");

        assertThat(table.lines().filter(line -> line.contains("web-1")))
                .singleElement()
                .asString()
                .endsWith("Target.Healthy, slow start 13s left");
        assertThat(table.lines().filter(line -> line.contains("web-2")))
                .singleElement()
                .asString()
                .endsWith("Target.Healthy");
    }
}
