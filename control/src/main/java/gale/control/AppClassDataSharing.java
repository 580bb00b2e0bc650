package gale.control;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A class data sharing archive for the built-in app's JVMs, so that a replacement task serves in about two seconds
 * instead of five: the time a killed task's traffic rides on the others (seed 002) is mostly JVM start-up.
 *
 * <p>The JVM writes the archive itself when the first task exits ({@code -XX:+AutoCreateSharedArchive}), but does
 * not write it again when a jar it was made from is rebuilt: it only refuses it. So the file name is keyed by the JDK,
 * the class path and the size and time of each jar on it (and of the libraries beside them), and a build gets an
 * archive of its own; stacks built from different checkouts never fight over one archive. Archives not written for a
 * week are deleted. It is a cache: deleting it costs one slow start. The JVM archives
 * classes from jars only: a class path with the app in a folder (a build that has not packaged it) runs without.
 */
final class AppClassDataSharing {

    private static final Logger log = LoggerFactory.getLogger(AppClassDataSharing.class);

    private AppClassDataSharing() {}

    /** The JVM flags that use (and, the first time, create) the archive under {@code cacheDirectory}. */
    static List<String> jvmFlags(Path cacheDirectory, String javaCommand, String classPath) {
        try {
            Files.createDirectories(cacheDirectory);
        } catch (IOException e) {
            log.warn("Tasks start without a class data sharing archive: cannot create {} ({})", cacheDirectory, e);
            return List.of();
        }
        String key = javaCommand
                + '\n'
                + System.getProperty("java.vm.version")
                + '\n'
                + classPath
                + '\n'
                + jarStamps(classPath);
        Path archive = cacheDirectory.resolve("app-" + shortHash(key) + ".jsa");
        deleteStale(cacheDirectory, archive);
        return List.of("-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off");
    }

    /** Size and modification time of each jar on {@code classPath}, and of each jar in a {@code lib} folder beside it. */
    static String jarStamps(String classPath) {
        StringBuilder stamps = new StringBuilder();
        for (String entry : classPath.split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            if (!Files.isRegularFile(jar)) {
                continue;
            }
            stamp(jar, stamps);
            Path lib = jar.resolveSibling("lib");
            if (Files.isDirectory(lib)) {
                try (Stream<Path> libs = Files.list(lib)) {
                    libs.filter(f -> f.toString().endsWith(".jar")).sorted().forEach(f -> stamp(f, stamps));
                } catch (IOException e) {
                    stamps.append(lib).append(" unreadable\n");
                }
            }
        }
        return stamps.toString();
    }

    private static void stamp(Path file, StringBuilder stamps) {
        try {
            stamps.append(file)
                    .append(' ')
                    .append(Files.size(file))
                    .append(' ')
                    .append(Files.getLastModifiedTime(file).toMillis())
                    .append('\n');
        } catch (IOException e) {
            stamps.append(file).append(" unreadable\n");
        }
    }

    /** Each build leaves an archive of ~25 MB: those of builds whose tasks have not started for a week go. */
    private static void deleteStale(Path cacheDirectory, Path current) {
        FileTime weekAgo = FileTime.from(Instant.now().minus(Duration.ofDays(7)));
        try (Stream<Path> archives = Files.list(cacheDirectory)) {
            archives.filter(f -> f.getFileName().toString().matches("app-[0-9a-f]+\\.jsa") && !f.equals(current))
                    .forEach(f -> {
                        try {
                            if (Files.getLastModifiedTime(f).compareTo(weekAgo) < 0) {
                                Files.deleteIfExists(f);
                            }
                        } catch (IOException e) {
                            log.debug("Could not delete the stale archive {}", f, e);
                        }
                    });
        } catch (IOException e) {
            log.debug("Could not list {}", cacheDirectory, e);
        }
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
