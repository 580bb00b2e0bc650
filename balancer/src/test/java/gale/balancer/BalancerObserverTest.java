package gale.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BalancerObserverTest {

    @Test
    void andThenHandsEveryOutcomeToBothInOrder() {
        List<String> seen = new ArrayList<>();
        BalancerObserver both = recording("a", seen).andThen(recording("b", seen));

        both.requestCompleted(8080, "web", "web-1", 200, 1_000);
        both.failOpenEntered("web");
        both.connectionClosed(8080);

        assertThat(seen)
                .containsExactly(
                        "a completed 200",
                        "b completed 200",
                        "a fail-open web",
                        "b fail-open web",
                        "a closed",
                        "b closed");
    }

    @Test
    void noopAddsNothing() {
        BalancerObserver one = recording("a", new ArrayList<>());

        assertThat(one.andThen(BalancerObserver.NOOP)).isSameAs(one);
        assertThat(BalancerObserver.NOOP.andThen(one)).isSameAs(one);
    }

    private static BalancerObserver recording(String name, List<String> seen) {
        return new BalancerObserver() {
            @Override
            public void requestCompleted(
                    int listenerPort, String targetGroup, String targetId, int statusCode, long latencyNanos) {
                seen.add(name + " completed " + statusCode);
            }

            @Override
            public void failOpenEntered(String targetGroup) {
                seen.add(name + " fail-open " + targetGroup);
            }

            @Override
            public void connectionClosed(int listenerPort) {
                seen.add(name + " closed");
            }
        };
    }
}
