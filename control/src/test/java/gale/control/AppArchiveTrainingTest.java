package gale.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gale.app.AppMain;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive training with the real built-in app, and task JVMs reading its archive at once. */
class AppArchiveTrainingTest {

    private static final String JAVA =
            Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path dir;

    private final List<Process> tasks = new ArrayList<>();

    @AfterEach
    void stopTasks() {
        tasks.forEach(Process::destroyForcibly);
    }

    @Test
    void trainingsRacingForOneArchiveWriteItOnce() throws Exception {
        List<String> launch = FleetMapping.appLaunchArguments(packagedAppClassPath());
        Path archive = dir.resolve("cds/app-0123456789abcdef.jsa");
        Files.createDirectories(archive.getParent());
        AtomicInteger written = new AtomicInteger();

        Thread first =
                Thread.ofPlatform().start(new AppArchiveTraining(archive, JAVA, launch, written::incrementAndGet));
        Thread second =
                Thread.ofPlatform().start(new AppArchiveTraining(archive, JAVA, launch, written::incrementAndGet));
        first.join(Duration.ofMinutes(3));
        second.join(Duration.ofMinutes(3));

        assertThat(written).hasValue(1);
        assertThat(archive).isRegularFile();
        try (Stream<Path> files = Files.list(archive.getParent())) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder(archive.getFileName().toString(), archive.getFileName() + ".lock");
        }
    }

    @Test
    void tasksOfAStackStartedBeforeTheArchiveLoadTheAppFromItOnceWritten_andNeverWriteIt() throws Exception {
        String classPath = packagedAppClassPath();
        List<String> launch = FleetMapping.appLaunchArguments(classPath);
        Path cache = dir.resolve("cds");
        Path archive = AppClassDataSharing.archive(cache, JAVA, classPath);
        Path argumentFile = AppClassDataSharing.flagsFile(archive);

        List<String> flags = AppClassDataSharing.jvmFlags(cache, JAVA, classPath, launch); // starts the training
        assertThat(flags).containsExactly("@" + argumentFile);
        await().atMost(Duration.ofMinutes(3))
                .until(() -> Files.readString(argumentFile).contains("-XX:SharedArchiveFile=" + archive));
        String archiveDigest = sha256(archive);

        // Three tasks started and stopped together: the race that used to tear the archive they all wrote at exit.
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ports.add(freePort());
            tasks.add(startTask(flags, launch, ports.get(i), dir.resolve("classes-" + i + ".log")));
        }
        try (HttpClient client = HttpClient.newHttpClient()) {
            for (int port : ports) {
                await().atMost(Duration.ofSeconds(60)).until(() -> healthy(client, port));
            }
        }
        tasks.forEach(Process::destroy);
        for (Process task : tasks) {
            assertThat(task.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(task.exitValue()).isZero();
        }

        assertThat(sha256(archive)).isEqualTo(archiveDigest);
        for (int i = 0; i < 3; i++) {
            assertThat(dir.resolve("classes-" + i + ".log"))
                    .content()
                    .contains("gale.app.AppMain source: shared objects file (top)");
        }
    }

    @Test
    void aFailedTrainingLeavesNoArchiveAndMarksTheBuild() throws IOException {
        Path notAnApp = Files.write(dir.resolve("gale.jar"), new byte[] {1, 2, 3});
        Path archive = dir.resolve("app-0123456789abcdef.jsa");

        AtomicInteger written = new AtomicInteger();

        new AppArchiveTraining(
                        archive, JAVA, FleetMapping.appLaunchArguments(notAnApp.toString()), written::incrementAndGet)
                .run();

        assertThat(archive).doesNotExist();
        assertThat(written).hasValue(0);
        assertThat(AppArchiveTraining.failureMarker(archive)).exists();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    private Process startTask(List<String> flags, List<String> launch, int port, Path classLog) throws IOException {
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(flags);
        command.add("-Xlog:class+load=info:file=" + classLog);
        command.addAll(launch);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.redirectOutput(dir.resolve("task-" + port + ".out").toFile());
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment()
                .put("GALE_PARENT_PID", Long.toString(ProcessHandle.current().pid()));
        return builder.start();
    }

    private static boolean healthy(HttpClient client, int port) throws InterruptedException {
        try {
            HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .build();
            return client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The app's class path with the app in a jar: under {@code mvn test} the app module is a folder of classes, from
     * which the JVM archives nothing.
     */
    private String packagedAppClassPath() throws URISyntaxException, IOException {
        Path app = Path.of(AppMain.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Path appJar = Files.isDirectory(app) ? jar(app, dir.resolve("gale-app.jar")) : app;
        List<String> classPath = new ArrayList<>();
        for (String entry :
                FleetMapping.appClassPath(System.getProperty("java.class.path")).split(File.pathSeparator)) {
            classPath.add(Path.of(entry).equals(app) ? appJar.toString() : entry);
        }
        return String.join(File.pathSeparator, classPath);
    }

    private static Path jar(Path classes, Path jar) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream entries = new JarOutputStream(out);
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                entries.putNextEntry(
                        new JarEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
                Files.copy(file, entries);
                entries.closeEntry();
            }
        }
        return jar;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return java.util.HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
