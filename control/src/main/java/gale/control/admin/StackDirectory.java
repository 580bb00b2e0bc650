package gale.control.admin;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A running stack's files, under {@code <root>/<admin-port>/}: {@code token} (0600, the bearer token that mutations of
 * the admin API need), {@code stack.json} (pid and ports), {@code db/} (the embedded database) and {@code logs/} (one
 * file per task). The CLI finds a stack's token from its admin port alone.
 */
public final class StackDirectory {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final String token;

    private StackDirectory(Path directory, String token) {
        this.directory = directory;
        this.token = token;
    }

    /** {@code ~/.gale/stacks}, or {@code $GALE_STATE_DIR/stacks} when that is set. */
    public static Path defaultRoot() {
        String override = System.getenv("GALE_STATE_DIR");
        Path base = override != null && !override.isBlank()
                ? Path.of(override)
                : Path.of(System.getProperty("user.home"), ".gale");
        return base.resolve("stacks");
    }

    /** Creates (or takes over) the directory of the stack whose admin API listens on {@code adminPort}. */
    public static StackDirectory create(Path root, int adminPort) {
        requireNonNull(root, "root");
        Path directory = root.resolve(Integer.toString(adminPort));
        try {
            Files.createDirectories(directory);
            Files.createDirectories(directory.resolve("db"));
            Files.createDirectories(directory.resolve("logs"));
            byte[] secret = new byte[24];
            new SecureRandom().nextBytes(secret);
            String token = HexFormat.of().formatHex(secret);
            writePrivate(directory.resolve("token"), token);
            return new StackDirectory(directory, token);
        } catch (IOException e) {
            throw new UncheckedIOException("state directory " + directory + ": " + e.getMessage(), e);
        }
    }

    /** The token of the stack on {@code adminPort}, if one runs (or ran) there for this user. */
    public static Optional<String> readToken(Path root, int adminPort) {
        try {
            return Optional.of(
                    Files.readString(root.resolve(Integer.toString(adminPort)).resolve("token"))
                            .trim());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path directory() {
        return directory;
    }

    public String token() {
        return token;
    }

    public Path databaseDirectory() {
        return directory.resolve("db");
    }

    public Path logDirectory() {
        return directory.resolve("logs");
    }

    /** Writes {@code stack.json}: what runs here, for people and scripts. */
    public void writeInfo(ObjectNode info) {
        try {
            writePrivate(
                    directory.resolve("stack.json"),
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsString(info));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes the token and stack.json once the stack has stopped; the database and logs stay. */
    public void forgetRunningStack() {
        try {
            Files.deleteIfExists(directory.resolve("token"));
            Files.deleteIfExists(directory.resolve("stack.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException | FileAlreadyExistsException e) {
            // Not a POSIX file system: the file is created with the default permissions.
            Files.deleteIfExists(file);
            Files.createFile(file);
        }
        Files.writeString(file, content);
    }
}
