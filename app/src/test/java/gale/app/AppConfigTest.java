package gale.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gale.app.cache.CacheEngine;
import gale.app.data.DataConfig;
import java.nio.file.Path;
import java.time.Duration;
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
        assertThat(config.database().url()).isEqualTo("jdbc:h2:tcp://127.0.0.1:9092/mem:gale");
        assertThat(config.logFile()).isEqualTo(Path.of("/tmp/web-1a2b3c.log"));
        assertThat(config.parentPid()).isEqualTo(4242L);
    }

    @Test
    void fromEnvironment_defaultsSoThatTheAppRunsAlone() {
        AppConfig config = AppConfig.fromEnvironment(Map.of());

        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.taskId()).isEqualTo("local");
        assertThat(config.database().url()).isEqualTo(DataConfig.DEFAULT_URL);
        assertThat(config.database().poolSize()).isEqualTo(DataConfig.DEFAULT_POOL_SIZE);
        assertThat(config.cache().engine()).isEqualTo(CacheEngine.CAFFEINE);
        assertThat(config.logFile()).isNull();
        assertThat(config.parentPid()).isNull();
    }

    @Test
    void fromEnvironment_readsThePoolAndTheCache() {
        AppConfig config = AppConfig.fromEnvironment(Map.of(
                "GALE_DB_URL", "jdbc:mariadb://127.0.0.1:3306/gale",
                "GALE_DB_USER", "gale",
                "GALE_DB_PASSWORD", "secret",
                "GALE_DB_POOL_SIZE", "4",
                "GALE_DB_CONNECTION_TIMEOUT_MS", "1500",
                "GALE_DB_QUERY_TIMEOUT_MS", "3000",
                "GALE_DB_CATALOGUE_INDEX", "false",
                "GALE_CACHE_URL", "redis://127.0.0.1:6379",
                "GALE_CACHE_TTL_MS", "60000"));

        assertThat(config.database().user()).contains("gale");
        assertThat(config.database().password()).contains("secret");
        assertThat(config.database().poolSize()).isEqualTo(4);
        assertThat(config.database().connectionTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.database().queryTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.database().catalogueIndex()).isFalse();
        assertThat(config.cache().engine()).isEqualTo(CacheEngine.REDIS);
        assertThat(config.cache().url()).contains("redis://127.0.0.1:6379");
        assertThat(config.cache().ttl()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void rejectsBadValuesNamingTheVariable() {
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("PORT", "70000")))
                .hasMessage("port: 70000 (expected: 0-65535)");
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("GALE_PARENT_PID", "abc")))
                .hasMessage("GALE_PARENT_PID: 'abc' (expected: a number)");
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("GALE_DB_URL", "mysql://db")))
                .hasMessageStartingWith("dbUrl: 'mysql://db' (expected: a JDBC URL");
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("GALE_CACHE_ENGINE", "memcached")))
                .hasMessage("cacheEngine: 'memcached' (expected: none, caffeine or redis)");
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("GALE_CACHE_ENGINE", "redis")))
                .hasMessage("cacheUrl: missing (expected: redis://host:port with the redis engine)");
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("GALE_DB_CATALOGUE_INDEX", "yes")))
                .hasMessage("GALE_DB_CATALOGUE_INDEX: 'yes' (expected: true or false)");
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("GALE_DB_CONNECTION_TIMEOUT_MS", "10")))
                .hasMessage("connectionTimeout: 10ms (expected: at least 250ms)");
    }
}
