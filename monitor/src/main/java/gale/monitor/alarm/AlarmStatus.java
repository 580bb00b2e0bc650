package gale.monitor.alarm;

import java.time.Instant;

/** An alarm's state now, for the API and the dashboard. */
public record AlarmStatus(AlarmConfig alarm, AlarmState state, String reason, Instant since) {}
