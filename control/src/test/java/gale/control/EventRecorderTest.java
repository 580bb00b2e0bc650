package gale.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import gale.balancer.BalancerObserver;
import gale.control.events.Event;
import gale.control.events.EventLog;
import gale.control.events.EventType;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class EventRecorderTest {

    @Test
    void failOpenIsAnEventEachWay() {
        EventLog events = new EventLog(Clock.systemUTC(), 100);
        BalancerObserver failOpen = EventRecorder.failOpenEvents(events);

        failOpen.failOpenEntered("web");
        failOpen.failOpenLeft("web");

        assertThat(events.recent(10))
                .extracting(Event::type, Event::subject)
                .containsExactly(tuple(EventType.FAILOPEN_ENTERED, "web"), tuple(EventType.FAILOPEN_LEFT, "web"));
    }
}
