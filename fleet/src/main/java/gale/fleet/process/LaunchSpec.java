package gale.fleet.process;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One process to launch, with everything resolved: the command with its port filled in and the full extra
 * environment.
 *
 * @param command the program and its arguments
 * @param env variables added to the inherited environment
 * @param workingDirectory the working directory, or {@code null} to inherit
 * @param logFile where stdout and stderr are appended
 */
public record LaunchSpec(List<String> command, Map<String, String> env, Path workingDirectory, Path logFile) {

    public LaunchSpec {
        requireNonNull(command, "command");
        requireNonNull(env, "env");
        requireNonNull(logFile, "logFile");
        command = List.copyOf(command);
        env = Map.copyOf(env);
    }

    /** This spec with another command line, e.g. the same one behind a launcher. */
    LaunchSpec withCommand(List<String> newCommand) {
        return new LaunchSpec(newCommand, env, workingDirectory, logFile);
    }
}
