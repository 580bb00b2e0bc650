package gale.fleet;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every task event with the moment it arrived, for assertions on order and timing. */
final class EventLog implements TaskListener {

    record Entry(TaskEvent event, long nanos) {}

    private final List<Entry> entries = new CopyOnWriteArrayList<>();

    @Override
    public void onTaskEvent(TaskEvent event) {
        entries.add(new Entry(event, System.nanoTime()));
    }

    List<Entry> entries() {
        return List.copyOf(entries);
    }

    List<TaskEvent> events() {
        return entries.stream().map(Entry::event).toList();
    }

    List<TaskEvent> of(String taskId) {
        return events().stream()
                .filter(event -> event.task().id().equals(taskId))
                .toList();
    }

    List<TaskEvent> entering(TaskState state) {
        return events().stream().filter(event -> event.task().state() == state).toList();
    }
}
