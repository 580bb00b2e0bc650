package gale.fleet;

/**
 * Told every task state change, in order, on the fleet's supervision thread: keep it short and never block
 * (hand slow work to another executor). Exceptions are logged and ignored.
 */
@FunctionalInterface
public interface TaskListener {

    void onTaskEvent(TaskEvent event);
}
