package gale.dataserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagedServerTest {

    @TempDir
    Path dir;

    @Test
    void missingBinaryNamesTheDebianPackage() {
        assertThatThrownBy(() ->
                        ManagedServer.requireBinaries("mariadb", "mariadb-server", List.of(dir.resolve("mariadbd"))))
                .isInstanceOf(MissingBinaryException.class)
                .hasMessage("mariadb: " + dir.resolve("mariadbd") + " is not installed (expected: the Debian package"
                        + " mariadb-server; sudo apt-get install mariadb-server)");
    }

    @Test
    void redisStartsAnswersStopsCleanlyAndRestartsOnTheSamePort() throws Exception {
        ManagedServer server = ManagedServer.prepare(Engine.REDIS, dir.resolve("redis"), dir.resolve("redis.log"));
        try {
            server.start(Duration.ofSeconds(30));
            int port = server.port();
            assertThat(server.ready()).isTrue();
            assertThat(server.url()).isEqualTo("redis://127.0.0.1:" + port);
            long pid = server.pid().orElseThrow();

            server.kill();
            await().atMost(Duration.ofSeconds(10)).until(() -> !server.alive());
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();

            server.start(Duration.ofSeconds(30));
            assertThat(server.port()).isEqualTo(port);
            assertThat(server.ready()).isTrue();

            server.pause();
            assertThat(server.ready()).as("a hung server answers nothing").isFalse();
            server.resume();
            assertThat(server.ready()).isTrue();
        } finally {
            server.stop(Duration.ofSeconds(10));
        }
        assertThat(server.alive()).isFalse();
        assertThat(Files.readString(dir.resolve("redis.log"))).contains("Ready to accept connections");
    }
}
