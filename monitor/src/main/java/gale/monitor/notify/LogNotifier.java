package gale.monitor.notify;

import gale.monitor.alarm.AlarmState;
import gale.monitor.alarm.AlarmStateChange;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes each state change to the log: WARN into ALARM, INFO otherwise. */
final class LogNotifier implements Notifier {
    private static final Logger log = LoggerFactory.getLogger("gale.alarms");

    private final String name;
    private final AtomicLong delivered = new AtomicLong();

    LogNotifier(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void send(AlarmStateChange change) {
        if (change.state() == AlarmState.ALARM) {
            log.warn("{}", Summary.line(change));
        } else {
            log.info("{}", Summary.line(change));
        }
        delivered.incrementAndGet();
    }

    @Override
    public NotifierStats stats() {
        return new NotifierStats(delivered.get(), 0, 0, 0);
    }

    @Override
    public void close() {}
}
