package gale.app;

/** Runs an action when a process (Gale, which launched this task) exits, or at once if it is already gone. */
final class ParentWatch {

    private ParentWatch() {}

    static void exitWhenGone(long pid, Runnable action) {
        ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .ifPresentOrElse(
                        parent -> parent.onExit().thenRun(action),
                        () -> Thread.ofPlatform().name("gale-parent-gone").start(action));
    }
}
