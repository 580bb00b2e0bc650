package gale.dataserver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Redis as a cache (ElastiCache's role in seed 004): {@code redis-server} with no persistence, LRU eviction. */
public final class RedisEngine implements Engine {

    private static final Path SERVER = Path.of("/usr/bin/redis-server");

    RedisEngine() {}

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public String debianPackage() {
        return "redis-server";
    }

    @Override
    public List<Path> binaries() {
        return List.of(SERVER);
    }

    @Override
    public boolean initialized(Path dataFolder) {
        return Files.isDirectory(dataFolder);
    }

    @Override
    public void initialize(Path dataFolder, Launcher launcher) throws IOException {
        Files.createDirectories(dataFolder);
    }

    @Override
    public List<String> command(Path dataFolder, int port, Launcher launcher) {
        return List.of(
                SERVER.toString(),
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--dir",
                dataFolder.toAbsolutePath().toString(),
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
                "--maxmemory",
                "256mb",
                "--maxmemory-policy",
                "allkeys-lru");
    }

    @Override
    public boolean ready(int port) {
        byte[] answer = Probe.exchange(port, Probe.ascii("PING\r\n"), 5);
        return answer != null && Arrays.equals(answer, Probe.ascii("+PONG"));
    }

    @Override
    public String url(int port) {
        return "redis://127.0.0.1:" + port;
    }
}
