package gale.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppConfigTest {

    @Test
    void fromEnvironment_readsWhatALaunchTemplatePasses() {
        AppConfig config = AppConfig.fromEnvironment(Map.of(
                "PORT", "9001",
                "GALE_TASK_ID", "web-1a2b3c",
                "GALE_DB_URL", "jdbc:h2:tcp://127.0.0.1:9092/mem:gale",
                "GALE_LOG_FILE", "/tmp/web-1a2b3c.log",
                "GALE_PARENT_PID", "4242"));

        assertThat(config.port()).isEqualTo(9001);
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.taskId()).isEqualTo("web-1a2b3c");
        assertThat(config.dbUrl()).isEqualTo("jdbc:h2:tcp://127.0.0.1:9092/mem:gale");
        assertThat(config.logFile()).isEqualTo(Path.of("/tmp/web-1a2b3c.log"));
        assertThat(config.parentPid()).isEqualTo(4242L);
    }

    @Test
    void fromEnvironment_defaultsSoThatTheAppRunsAlone() {
        AppConfig config = AppConfig.fromEnvironment(Map.of());

        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.taskId()).isEqualTo("local");
        assertThat(config.dbUrl()).isEqualTo(AppConfig.DEFAULT_DB_URL);
        assertThat(config.logFile()).isNull();
        assertThat(config.parentPid()).isNull();
    }

    @Test
    void rejectsBadValuesNamingTheVariable() {
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("PORT", "70000")))
                .hasMessage("port: 70000 (expected: 0-65535)");
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("GALE_PARENT_PID", "abc")))
                .hasMessage("GALE_PARENT_PID: 'abc' (expected: a number)");
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("GALE_DB_URL", "mysql://db")))
                .hasMessage("dbUrl: 'mysql://db' (expected: a JDBC URL, jdbc:...)");
    }
}
