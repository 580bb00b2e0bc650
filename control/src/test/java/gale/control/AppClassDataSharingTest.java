package gale.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppClassDataSharingTest {

    @TempDir
    Path dir;

    @Test
    void jvmFlags_nameAnotherArchiveOnceAJarIsRebuilt() throws IOException {
        Path cache = dir.resolve("cds");
        Path jar = Files.write(dir.resolve("gale.jar"), new byte[] {1, 2, 3});
        Files.createDirectories(dir.resolve("lib"));
        Path lib = Files.write(dir.resolve("lib/netty.jar"), new byte[] {4});
        List<String> first = AppClassDataSharing.jvmFlags(cache, "java", jar.toString());

        assertThat(AppClassDataSharing.jvmFlags(cache, "java", jar.toString())).isEqualTo(first);
        Files.write(jar, new byte[] {1, 2, 3, 4}); // the JVM refuses an archive of the old jar, and never rewrites it
        List<String> rebuilt = AppClassDataSharing.jvmFlags(cache, "java", jar.toString());
        assertThat(archive(rebuilt)).isNotEqualTo(archive(first));
        Files.setLastModifiedTime(lib, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(archive(AppClassDataSharing.jvmFlags(cache, "java", jar.toString())))
                .isNotEqualTo(archive(rebuilt));
    }

    @Test
    void jvmFlags_deleteArchivesNotWrittenForAWeek() throws IOException {
        Path cache = Files.createDirectories(dir.resolve("cds"));
        Path old = Files.write(cache.resolve("app-0123456789abcdef.jsa"), new byte[] {1});
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofDays(8))));
        Path recent = Files.write(cache.resolve("app-fedcba9876543210.jsa"), new byte[] {1});
        Path other = Files.write(cache.resolve("notes.txt"), new byte[] {1});
        Files.setLastModifiedTime(other, FileTime.from(Instant.now().minus(Duration.ofDays(8))));

        AppClassDataSharing.jvmFlags(cache, "java", dir.resolve("gale.jar").toString());

        assertThat(old).doesNotExist();
        assertThat(recent).exists();
        assertThat(other).exists();
    }

    private static String archive(List<String> flags) {
        return flags.stream()
                .filter(f -> f.startsWith("-XX:SharedArchiveFile="))
                .findFirst()
                .orElseThrow();
    }
}
