package gale.control.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gale.app.cache.CacheEngine;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The database and cache sections: every key applied, every bad combination refused with its line. */
class DataTierStackFileTest {

    @Test
    void managedMariaDbWithPoolSettingsAndManagedRedis() {
        StackConfig stack = StackFile.parse("s.yaml", """
                database:
                  engine: mariadb
                  managed: true
                  pool: { size: 4, connectionTimeout: 1500ms, queryTimeout: 3s }
                  catalogueIndex: false
                cache: { engine: redis, managed: true, ttl: 1m }
                """);

        assertThat(stack.database().engine()).isEqualTo(DatabaseSpec.Engine.MARIADB);
        assertThat(stack.database().managed()).isTrue();
        assertThat(stack.database().poolSize()).hasValue(4);
        assertThat(stack.database().connectionTimeout()).contains(Duration.ofMillis(1500));
        assertThat(stack.database().queryTimeout()).contains(Duration.ofSeconds(3));
        assertThat(stack.database().catalogueIndex()).contains(false);
        assertThat(stack.cache().engine()).contains(CacheEngine.REDIS);
        assertThat(stack.cache().managedRedis()).isTrue();
        assertThat(stack.cache().ttl()).contains(Duration.ofMinutes(1));
    }

    @Test
    void aUrlNamesItsEngineAndCarriesUserAndPassword() {
        StackConfig stack = StackFile.parse("s.yaml", """
                database: { url: "jdbc:postgresql://127.0.0.1:5432/app", user: app, password: secret }
                cache: { url: "redis://127.0.0.1:6379" }
                """);

        assertThat(stack.database().engine()).isEqualTo(DatabaseSpec.Engine.POSTGRESQL);
        assertThat(stack.database().user()).contains("app");
        assertThat(stack.database().password()).contains("secret");
        assertThat(stack.cache().engine()).contains(CacheEngine.REDIS);
        assertThat(stack.cache().url()).isEqualTo(Optional.of("redis://127.0.0.1:6379"));
    }

    @Test
    void badCombinationsAreRefusedNamingFileLineAndField() {
        assertThatThrownBy(() -> StackFile.parse("s.yaml", "database: { engine: mariadb }\n"))
                .hasMessageContaining("s.yaml:1")
                .hasMessageContaining("engine: mariadb (expected: managed: true, or a url of the server you run)");
        assertThatThrownBy(() -> StackFile.parse("s.yaml", "database: { engine: h2, managed: true }\n"))
                .hasMessageContaining("managed: true (expected: engine mariadb or postgresql");
        assertThatThrownBy(() ->
                        StackFile.parse("s.yaml", "database: { engine: mariadb, url: \"jdbc:postgresql://h/db\" }\n"))
                .hasMessageContaining("(expected: a JDBC URL of engine mariadb");
        assertThatThrownBy(
                        () -> StackFile.parse("s.yaml", "database: { engine: mariadb, managed: true, user: root }\n"))
                .hasMessageContaining("user: set (expected: none with managed: true");
        assertThatThrownBy(() -> StackFile.parse("s.yaml", "database: { pool: { connectionTimeout: 10ms } }\n"))
                .hasMessageContaining("connectionTimeout: 10ms (expected: at least 250ms)");
        assertThatThrownBy(() -> StackFile.parse("s.yaml", "cache: { engine: caffeine, url: \"redis://h:1\" }\n"))
                .hasMessageContaining("url: redis://h:1 (expected: engine: redis with it)");
        assertThatThrownBy(() -> StackFile.parse("s.yaml", "cache: { engine: memcached }\n"))
                .hasMessageContaining("cacheEngine: 'memcached' (expected: none, caffeine or redis)");
        assertThatThrownBy(() -> StackFile.parse("s.yaml", "cache: { engine: redis }\n"))
                .hasMessageContaining("engine: redis (expected: managed: true, or a url of the server you run)");
    }
}
