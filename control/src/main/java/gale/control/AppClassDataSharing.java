package gale.control;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A class data sharing archive for the built-in app's JVMs, so that a replacement task serves in about two seconds
 * instead of five: the time a killed task's traffic rides on the others (seed 002) is mostly JVM start-up.
 *
 * <p>The JVM refuses an archive once a jar it was made from is rebuilt, so the file name is keyed by the JDK, the
 * class path and the size and time of each jar on it (and of the libraries beside them), and a build gets an archive
 * of its own; stacks built from different checkouts never share one. The first tasks after a build start without it
 * while {@link AppArchiveTraining} writes it; tasks only read it. Archives not used for a week are deleted.
 * It is a cache: deleting it costs one training. The JVM archives classes from jars only: a class path with the app
 * in a folder (a build that has not packaged it) runs without.
 */
final class AppClassDataSharing {

    private static final Logger log = LoggerFactory.getLogger(AppClassDataSharing.class);

    /** The flags of a task before its build's archive exists: the JVM's default, said so that the file is not empty. */
    private static final String WITHOUT_ARCHIVE = "-Xshare:auto\n";

    /** Followed by the archive's path; quiet, because a JVM that cannot map the archive just starts without it. */
    private static final String USING_ARCHIVE = "-Xlog:cds=off\n-XX:SharedArchiveFile=";

    private AppClassDataSharing() {}

    /**
     * The JVM flags that make a task use the archive of this build under {@code cacheDirectory}: an argument file
     * ({@code @app-<hash>.args}) that the java launcher reads as each task starts, so that a stack started before its
     * archive was written starts its later tasks from it. While the archive does not exist its training starts, unless
     * one has already failed for this build.
     *
     * @param classPath the tasks' class path, which names the archive
     * @param launchArguments the tasks' arguments after {@code java} (JVM options, {@code classPath}, main class): the
     *     training JVM runs with the same
     */
    static List<String> jvmFlags(
            Path cacheDirectory, String javaCommand, String classPath, List<String> launchArguments) {
        Path archive = archive(cacheDirectory, javaCommand, classPath);
        Path flags = flagsFile(archive);
        try {
            Files.createDirectories(cacheDirectory);
            deleteStale(cacheDirectory, archive);
            if (Files.isRegularFile(archive)) {
                touch(archive);
                publish(flags, USING_ARCHIVE + archive + "\n");
            } else {
                publish(flags, WITHOUT_ARCHIVE);
                if (onlyJars(classPath) && !Files.exists(AppArchiveTraining.failureMarker(archive))) {
                    new AppArchiveTraining(archive, javaCommand, launchArguments, () -> publishQuietly(flags, archive))
                            .startInBackground();
                }
            }
        } catch (IOException e) {
            log.warn("Tasks start without a class data sharing archive: cannot write to {} ({})", cacheDirectory, e);
            return List.of();
        }
        return List.of("@" + flags);
    }

    /** The argument file of the tasks that run from {@code archive}. */
    static Path flagsFile(Path archive) {
        String name = archive.getFileName().toString();
        return archive.resolveSibling(name.substring(0, name.length() - ".jsa".length()) + ".args");
    }

    /** Replaces the argument file whole, so that a task starting meanwhile reads the old flags or the new ones. */
    private static void publish(Path flags, String content) throws IOException {
        if (Files.isRegularFile(flags) && Files.readString(flags).equals(content)) {
            touch(flags); // in use: not stale
            return;
        }
        Path written = flags.resolveSibling(
                flags.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        Files.writeString(written, content);
        Files.move(written, flags, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void publishQuietly(Path flags, Path archive) {
        try {
            publish(flags, USING_ARCHIVE + archive + "\n");
        } catch (IOException e) {
            log.warn("Tasks start without the class data sharing archive {}: cannot write {} ({})", archive, flags, e);
        }
    }

    /** The archive of this build: its name changes with the JDK, the class path and any jar's size or time. */
    static Path archive(Path cacheDirectory, String javaCommand, String classPath) {
        String key = javaCommand
                + '\n'
                + System.getProperty("java.vm.version")
                + '\n'
                + classPath
                + '\n'
                + jarStamps(classPath);
        return cacheDirectory.resolve("app-" + shortHash(key) + ".jsa");
    }

    private static boolean onlyJars(String classPath) {
        return !classPath.isEmpty()
                && Arrays.stream(classPath.split(File.pathSeparator))
                        .allMatch(entry -> Files.isRegularFile(Path.of(entry)));
    }

    /** The modification time says when a file was last used, for {@link #deleteStale}. */
    private static void touch(Path archive) {
        try {
            Files.setLastModifiedTime(archive, FileTime.from(Instant.now()));
        } catch (IOException e) {
            log.debug("Could not touch {}", archive, e);
        }
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

    /**
     * Each build leaves an archive of ~25 MB: those of builds whose tasks have not started for a week go, with their
     * argument file and the lock, failure marker and temporary files of their training.
     */
    private static void deleteStale(Path cacheDirectory, Path current) {
        FileTime weekAgo = FileTime.from(Instant.now().minus(Duration.ofDays(7)));
        String thisBuild = current.getFileName().toString().replace(".jsa", "."); // app-<hash>.
        try (Stream<Path> archives = Files.list(cacheDirectory)) {
            archives.map(f -> f.getFileName().toString())
                    .filter(name -> name.matches("app-[0-9a-f]+\\.(jsa|args)(\\.lock|\\.failed|\\.\\d+\\.tmp)?")
                            && !name.startsWith(thisBuild))
                    .map(cacheDirectory::resolve)
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
