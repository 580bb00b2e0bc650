package gale.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A class data sharing archive for the built-in app's JVMs, so that a replacement task serves in about two seconds
 * instead of five: the time a killed task's traffic rides on the others (seed 002) is mostly JVM start-up.
 *
 * <p>The JVM writes the archive itself when the first task exits ({@code -XX:+AutoCreateSharedArchive}) and
 * re-creates it when the JDK or the class path changes; the file name is keyed by both, so stacks built from
 * different checkouts never fight over one archive. It is a cache: deleting it costs one slow start. The JVM archives
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
        String key = javaCommand + '\n' + System.getProperty("java.vm.version") + '\n' + classPath;
        Path archive = cacheDirectory.resolve("app-" + shortHash(key) + ".jsa");
        return List.of("-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off");
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
