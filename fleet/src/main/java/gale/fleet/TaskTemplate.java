package gale.fleet;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How to launch one task, like a launch template. The fleet picks a free port per task: {@code {port}} in the
 * command's arguments is replaced by it, and the environment also gets {@code PORT}, {@code GALE_TASK_ID} (the
 * task's id) and {@code GALE_PARENT_PID} (this JVM's pid, so a task can exit when Gale dies).
 *
 * @param command the program and its arguments; {@code {port}} anywhere in an argument becomes the task's port
 * @param env extra environment variables, added to the inherited environment
 * @param workingDirectory the process's working directory, or {@code null} to inherit Gale's
 */
public record TaskTemplate(List<String> command, Map<String, String> env, Path workingDirectory) {

    /** Replaced in each argument of the command by the port the fleet chose for the task. */
    public static final String PORT_PLACEHOLDER = "{port}";

    public TaskTemplate {
        requireNonNull(command, "command");
        requireNonNull(env, "env");
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command: [] (expected: a program and its arguments)");
        }
        command = List.copyOf(command);
        env = Map.copyOf(env);
    }

    public TaskTemplate(List<String> command) {
        this(command, Map.of(), null);
    }
}
