package gale.dataserver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** MariaDB (MySQL's protocol, RDS MySQL users' choice): {@code mariadb-install-db}, then {@code mariadbd}. */
public final class MariaDbEngine implements Engine {

    private static final Path SERVER = Path.of("/usr/sbin/mariadbd");
    private static final Path INSTALL = Path.of("/usr/bin/mariadb-install-db");
    private static final String INIT_FILE = "gale-init.sql";
    /** Run at every start, before clients are accepted: the app's database and user exist whatever happened. */
    private static final String INIT_SQL = """
            CREATE DATABASE IF NOT EXISTS gale;
            CREATE USER IF NOT EXISTS 'gale'@'127.0.0.1';
            GRANT ALL ON *.* TO 'gale'@'127.0.0.1';
            """;

    MariaDbEngine() {}

    @Override
    public String name() {
        return "mariadb";
    }

    @Override
    public String debianPackage() {
        return "mariadb-server";
    }

    @Override
    public List<Path> binaries() {
        return List.of(SERVER, INSTALL);
    }

    @Override
    public boolean initialized(Path dataFolder) {
        return Files.isDirectory(dataFolder.resolve("mysql"));
    }

    @Override
    public void initialize(Path dataFolder, Launcher launcher) throws IOException {
        Files.createDirectories(dataFolder);
        List<String> install = new ArrayList<>(List.of(
                INSTALL.toString(),
                "--no-defaults",
                "--datadir=" + dataFolder.toAbsolutePath(),
                "--auth-root-authentication-method=normal",
                "--skip-test-db",
                "--innodb-log-file-size=16M"));
        if (launcher.root()) {
            install.add("--user=root");
        }
        launcher.run(install, Launcher.Identity.ANY, log(dataFolder), "", Duration.ofMinutes(2));
        Files.writeString(dataFolder.resolve(INIT_FILE), INIT_SQL);
    }

    @Override
    public List<String> command(Path dataFolder, int port, Launcher launcher) {
        Path data = dataFolder.toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(
                SERVER.toString(),
                "--no-defaults",
                "--datadir=" + data,
                "--port=" + port,
                "--bind-address=127.0.0.1",
                // Short and unique: a socket path has at most 107 bytes, and the data folder may be deep.
                "--socket=/tmp/gale-mariadb-" + port + ".sock",
                "--pid-file=" + data.resolve("mariadbd.pid"),
                "--skip-name-resolve",
                "--innodb-log-file-size=16M",
                "--innodb-buffer-pool-size=64M",
                "--max-connections=500",
                "--init-file=" + data.resolve(INIT_FILE)));
        if (launcher.root()) {
            command.add("--user=root");
        }
        return command;
    }

    /** The server's greeting: a packet whose first byte is the protocol version, 10. */
    @Override
    public boolean ready(int port) {
        byte[] greeting = Probe.exchange(port, null, 5);
        return greeting != null && greeting[4] == 10;
    }

    @Override
    public String url(int port) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + DATABASE;
    }

    private static Path log(Path dataFolder) {
        return dataFolder.resolveSibling(dataFolder.getFileName() + "-setup.log");
    }
}
