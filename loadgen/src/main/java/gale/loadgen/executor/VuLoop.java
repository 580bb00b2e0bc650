package gale.loadgen.executor;

import gale.loadgen.http.LoopClient;
import gale.loadgen.metrics.LoopMetrics;
import io.netty.channel.EventLoop;

/** What a VU needs from its event loop: the HTTP client and the metrics that loop writes. */
public record VuLoop(LoopClient client, LoopMetrics metrics) {

    EventLoop loop() {
        return client.loop();
    }
}
