package gale.fleet.cgroup;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes cgroup control files and removes cgroup directories. */
final class CgroupFiles {

    private static final Logger log = LoggerFactory.getLogger(CgroupFiles.class);

    private CgroupFiles() {}

    /** Writes a value the way {@code echo value > file} does: one write, no truncation games. */
    static void write(Path file, String value) throws IOException {
        Files.writeString(file, value, StandardOpenOption.WRITE, StandardOpenOption.CREATE);
    }

    static void createDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
    }

    /**
     * Removes a cgroup once no process is left in it. On a cgroup file system {@code rmdir} succeeds although
     * the control files are listed; elsewhere (tests use a plain directory) the files are removed first.
     */
    static void remove(Path dir) throws IOException {
        try {
            Files.delete(dir);
        } catch (NoSuchFileException e) {
            // Already gone.
        } catch (DirectoryNotEmptyException e) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.delete(dir);
        }
    }

    /** {@link #remove} for clean-up paths, where a directory that cannot go is worth a debug line, not a failure. */
    static void removeQuietly(Path dir) {
        try {
            remove(dir);
        } catch (IOException e) {
            log.debug("Could not remove {}: {}", dir, e.toString());
        }
    }
}
