package gale.monitor.notify;

import gale.monitor.alarm.AlarmStateChange;

/**
 * Tells someone of an alarm's state change. {@link #send} never blocks and never throws: the message is queued and
 * delivered in the background, retried with backoff, and dropped (with a WARN) when it cannot be.
 */
public interface Notifier extends AutoCloseable {
    String name();

    void send(AlarmStateChange change);

    /** Counts so far, for tests and the API. */
    NotifierStats stats();

    /** Stops delivering; what is still queued is dropped. */
    @Override
    void close();
}
