package gale.balancer.internal.loop;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlushBatchTest {
    private final List<String> flushed = new ArrayList<>();

    @Test
    void flushesEveryChannelOnceThePassEndsEvenThoseAddedWhileFlushing() {
        EmbeddedChannel a = channel("a");
        EmbeddedChannel b = channel("b");
        EmbeddedChannel c = channel("c");
        EmbeddedChannel d = channel("d");
        FlushBatch batch = new FlushBatch(a.eventLoop());
        a.pipeline().addFirst(new ChannelOutboundHandlerAdapter() {
            @Override
            public void flush(ChannelHandlerContext ctx) {
                batch.add(c); // e.g. flushing failed, and answering that flushed the next pipelined request
                batch.add(d);
                ctx.flush();
            }
        });

        batch.add(a);
        batch.add(b);
        assertThat(flushed).isEmpty();

        a.runPendingTasks();
        // EmbeddedChannel runs pending tasks when flushed, so the second batch may go out within the first
        assertThat(flushed).containsExactlyInAnyOrder("a", "b", "c", "d");
    }

    private EmbeddedChannel channel(String name) {
        return new EmbeddedChannel(new ChannelOutboundHandlerAdapter() {
            @Override
            public void flush(ChannelHandlerContext ctx) {
                flushed.add(name);
                ctx.flush();
            }
        });
    }
}
