package gale.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppClassDataSharingTest {

    @TempDir
    Path dir;

    @Test
    void archive_isAnotherOnceAJarIsRebuilt() throws IOException {
        Path cache = dir.resolve("cds");
        Path jar = Files.write(dir.resolve("gale.jar"), new byte[] {1, 2, 3});
        Files.createDirectories(dir.resolve("lib"));
        Path lib = Files.write(dir.resolve("lib/netty.jar"), new byte[] {4});
        Path first = AppClassDataSharing.archive(cache, "java", jar.toString());

        assertThat(AppClassDataSharing.archive(cache, "java", jar.toString())).isEqualTo(first);
        Files.write(jar, new byte[] {1, 2, 3, 4}); // the JVM refuses an archive of the old jar, and never rewrites it
        Path rebuilt = AppClassDataSharing.archive(cache, "java", jar.toString());
        assertThat(rebuilt).isNotEqualTo(first);
        Files.setLastModifiedTime(lib, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(AppClassDataSharing.archive(cache, "java", jar.toString())).isNotEqualTo(rebuilt);
    }

    @Test
    void jvmFlags_pointAtAnArgumentFileThatReadsTheArchiveOnceItExists() throws IOException {
        Path cache = dir.resolve("cds");
        Path notAnApp = Files.write(dir.resolve("gale.jar"), new byte[] {1, 2, 3});
        String classPath = notAnApp.toString();
        List<String> launch = FleetMapping.appLaunchArguments(classPath);
        Path archive = AppClassDataSharing.archive(cache, "java", notAnApp.toString());
        Path flags = AppClassDataSharing.flagsFile(archive);

        assertThat(AppClassDataSharing.jvmFlags(cache, "java", classPath, launch))
                .containsExactly("@" + flags);
        assertThat(flags).hasContent("-Xshare:auto");
        // The training of a jar with no app in it fails, and says so for the build instead of retrying at each start.
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(AppArchiveTraining.failureMarker(archive)));
        assertThat(archive).doesNotExist();

        Files.write(archive, new byte[] {1});
        assertThat(AppClassDataSharing.jvmFlags(cache, "java", classPath, launch))
                .containsExactly("@" + flags);
        assertThat(Files.readAllLines(flags)).containsExactly("-Xlog:cds=off", "-XX:SharedArchiveFile=" + archive);
    }

    @Test
    void jvmFlags_startNoTrainingForAClassPathWithAFolder() throws IOException {
        Path cache = dir.resolve("cds");
        Path folder = Files.createDirectories(dir.resolve("classes"));
        String classPath = folder.toString();
        List<String> launch = FleetMapping.appLaunchArguments(classPath);
        Path archive = AppClassDataSharing.archive(cache, "java", folder.toString());

        assertThat(AppClassDataSharing.jvmFlags(cache, "java", classPath, launch))
                .containsExactly("@" + AppClassDataSharing.flagsFile(archive));
        try (Stream<Path> files = Files.list(cache)) {
            assertThat(files).containsExactly(AppClassDataSharing.flagsFile(archive));
        }
    }

    @Test
    void jvmFlags_deleteArchivesNotUsedForAWeekWithTheirTrainingFiles() throws IOException {
        Path cache = Files.createDirectories(dir.resolve("cds"));
        Path jar = dir.resolve("gale.jar");
        Path current = AppClassDataSharing.archive(cache, "java", jar.toString());
        List<Path> old = List.of(
                cache.resolve("app-0123456789abcdef.jsa"),
                cache.resolve("app-0123456789abcdef.args"),
                cache.resolve("app-0123456789abcdef.jsa.lock"),
                cache.resolve("app-0123456789abcdef.jsa.failed"),
                cache.resolve("app-0123456789abcdef.jsa.4242.tmp"));
        List<Path> kept = List.of(
                cache.resolve("app-fedcba9876543210.jsa"), // recent
                cache.resolve("notes.txt"), // not Gale's
                cache.resolve(current.getFileName() + ".failed")); // the current build's
        for (Path file : old) {
            Files.write(file, new byte[] {1});
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofDays(8))));
        }
        Files.write(kept.get(0), new byte[] {1});
        for (Path file : kept.subList(1, kept.size())) {
            Files.write(file, new byte[] {1});
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofDays(8))));
        }

        AppClassDataSharing.jvmFlags(cache, "java", jar.toString(), FleetMapping.appLaunchArguments(jar.toString()));

        assertThat(old).allSatisfy(file -> assertThat(file).doesNotExist());
        assertThat(kept).allSatisfy(file -> assertThat(file).exists());
    }
}
