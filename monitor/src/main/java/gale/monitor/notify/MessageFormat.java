package gale.monitor.notify;

import gale.monitor.alarm.AlarmStateChange;

/** Turns a state change into the JSON body a receiver expects. */
interface MessageFormat {
    String body(AlarmStateChange change);
}
