package gale.control.events;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stack's recent events, newest last, bounded to the last {@code capacity}. Subscribers see each new event once, in
 * order, on the thread that published it: they must be quick (the SSE stream hands it to its own event loop).
 */
public final class EventLog {

    private static final Logger log = LoggerFactory.getLogger(EventLog.class);

    public static final int DEFAULT_CAPACITY = 10_000;

    private final Clock clock;
    private final int capacity;
    private final ArrayDeque<Event> events = new ArrayDeque<>();
    private final List<Consumer<Event>> subscribers = new CopyOnWriteArrayList<>();
    private long lastId;

    public EventLog(Clock clock, int capacity) {
        this.clock = requireNonNull(clock, "clock");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: >= 1)");
        }
        this.capacity = capacity;
    }

    /** Records an event now and tells the subscribers. */
    public Event publish(String type, String subject, String service, String reason) {
        Event event;
        synchronized (this) {
            event = new Event(++lastId, clock.instant(), type, subject, service, reason);
            events.addLast(event);
            if (events.size() > capacity) {
                events.removeFirst();
            }
            // Delivered under the lock so every subscriber sees events in id order.
            for (Consumer<Event> subscriber : subscribers) {
                try {
                    subscriber.accept(event);
                } catch (RuntimeException e) {
                    log.warn("An event subscriber failed on event {}; it keeps its subscription", event.id(), e);
                }
            }
        }
        log.info("{} {}{}: {}", type, subject, service == null ? "" : " (" + service + ")", reason);
        return event;
    }

    /** The newest {@code limit} events, oldest first. */
    public synchronized List<Event> recent(int limit) {
        int skip = Math.max(0, events.size() - limit);
        List<Event> out = new ArrayList<>(Math.min(limit, events.size()));
        int i = 0;
        for (Event e : events) {
            if (i++ >= skip) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * Subscribes to new events, after replaying the kept ones with an id above {@code afterId} (SSE's Last-Event-ID), so
     * nothing is missed or repeated between the replay and the live events.
     *
     * @return an action that unsubscribes
     */
    public synchronized Runnable subscribe(long afterId, Consumer<Event> subscriber) {
        for (Event e : events) {
            if (e.id() > afterId) {
                subscriber.accept(e);
            }
        }
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    public synchronized long lastId() {
        return lastId;
    }
}
