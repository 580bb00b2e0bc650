package gale.dataserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** PostgreSQL: {@code initdb}, then {@code postgres}, from Debian's {@code /usr/lib/postgresql/<version>/bin}. */
public final class PostgresEngine implements Engine {

    private static final Path VERSIONS = Path.of("/usr/lib/postgresql");

    PostgresEngine() {}

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public String debianPackage() {
        return "postgresql";
    }

    @Override
    public List<Path> binaries() {
        Path bin = bin();
        return List.of(bin.resolve("initdb"), bin.resolve("postgres"));
    }

    @Override
    public boolean initialized(Path dataFolder) {
        return Files.isRegularFile(dataFolder.resolve("PG_VERSION"));
    }

    @Override
    public void initialize(Path dataFolder, Launcher launcher) throws IOException {
        Files.createDirectories(dataFolder.getParent());
        Path data = dataFolder.toAbsolutePath();
        Path log = dataFolder.resolveSibling(dataFolder.getFileName() + "-setup.log");
        launcher.run(
                List.of(
                        bin().resolve("initdb").toString(),
                        "-D",
                        data.toString(),
                        "-U",
                        DATABASE,
                        "--auth=trust",
                        "-E",
                        "UTF8",
                        "--no-instructions"),
                Launcher.Identity.NOT_ROOT,
                log,
                "",
                Duration.ofMinutes(2));
        // Single-user mode: the database exists before the server first accepts anyone.
        launcher.run(
                List.of(bin().resolve("postgres").toString(), "--single", "-D", data.toString(), "postgres"),
                Launcher.Identity.NOT_ROOT,
                log,
                "CREATE DATABASE " + DATABASE + ";\n",
                Duration.ofMinutes(1));
    }

    @Override
    public List<String> command(Path dataFolder, int port, Launcher launcher) {
        return List.of(
                bin().resolve("postgres").toString(),
                "-D",
                dataFolder.toAbsolutePath().toString(),
                "-p",
                Integer.toString(port),
                "-c",
                "listen_addresses=127.0.0.1",
                "-c",
                "unix_socket_directories=",
                "-c",
                "max_connections=300");
    }

    @Override
    public Launcher.Identity identity() {
        return Launcher.Identity.NOT_ROOT;
    }

    /** A startup message for user and database gale: 'R' (authentication) once it accepts clients, 'E' before. */
    @Override
    public boolean ready(int port) {
        byte[] params = Probe.ascii("user\0" + DATABASE + "\0database\0" + DATABASE + "\0\0");
        ByteBuffer startup = ByteBuffer.allocate(8 + params.length);
        startup.putInt(8 + params.length).putInt(196_608).put(params);
        byte[] answer = Probe.exchange(port, startup.array(), 1);
        return answer != null && answer[0] == 'R';
    }

    @Override
    public String url(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    /** The newest installed version's binaries. */
    private static Path bin() {
        if (!Files.isDirectory(VERSIONS)) {
            return VERSIONS.resolve("15").resolve("bin");
        }
        try (Stream<Path> versions = Files.list(VERSIONS)) {
            return versions.filter(v -> Files.isExecutable(v.resolve("bin").resolve("postgres")))
                    .max(Comparator.comparing(
                            v -> v.getFileName().toString(),
                            Comparator.comparingInt(
                                    name -> name.chars().allMatch(Character::isDigit) ? Integer.parseInt(name) : -1)))
                    .map(v -> v.resolve("bin"))
                    .orElse(VERSIONS.resolve("15").resolve("bin"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
