package gale.balancer.internal.loop;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.util.Arrays;

/**
 * Channels written during one pass over the ready sockets, flushed together when the pass ends (as a task, which the
 * loop runs after its IO). A target then finds a burst of requests in one wake-up, and a client a burst of responses,
 * instead of being woken for each; HAProxy sends the same way, at the end of its loop.
 */
public final class FlushBatch implements Runnable {
    /**
     * Room for a pass of 512 exchanges (a client and a target channel each) before the arrays grow: growing is a path
     * the JIT compiles only when first taken, and recompiling the loop then costs the requests waiting on it.
     */
    private static final int INITIAL_CAPACITY = 1024;

    private final EventLoop loop;
    private Channel[] channels = new Channel[INITIAL_CAPACITY];
    /** The other array: flushing can add channels (an error answered, the next pipelined request sent). */
    private Channel[] flushing = new Channel[INITIAL_CAPACITY];

    private int size;

    public FlushBatch(EventLoop loop) {
        this.loop = loop;
    }

    /** Flushes {@code channel} once this pass ends. Called on the loop only. */
    public void add(Channel channel) {
        if (size == 0) {
            loop.execute(this);
        } else if (size == channels.length) {
            channels = Arrays.copyOf(channels, size * 2);
        }
        channels[size++] = channel;
    }

    @Override
    public void run() {
        Channel[] batch = channels;
        int n = size;
        channels = flushing;
        flushing = batch;
        size = 0;
        for (int i = 0; i < n; i++) {
            Channel ch = batch[i];
            batch[i] = null;
            ch.flush();
        }
    }
}
