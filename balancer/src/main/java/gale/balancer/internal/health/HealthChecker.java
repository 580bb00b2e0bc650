package gale.balancer.internal.health;

import gale.balancer.HealthCheckConfig;
import gale.balancer.SuccessCodes;
import gale.balancer.TargetReason;
import gale.balancer.internal.http1.ResponseDecoder;
import gale.balancer.internal.http1.ResponseHead;
import gale.balancer.internal.loop.LoopResources;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Active health checks: every interval, a new connection and {@code GET path} (with {@code Connection: close}, as ALB
 * does), judged against the success codes within the timeout. Runs on the event loops, never blocks. The probe speaks
 * through the balancer's own response decoder, not a second HTTP codec: on the loops that carry the traffic, another
 * codec's types in Netty's shared paths made the JIT throw away and recompile the request path at the first check.
 */
public final class HealthChecker {
    private final LoopResources[] loops;

    public HealthChecker(LoopResources[] loops) {
        this.loops = loops;
    }

    public ScheduledFuture<?> start(CheckedTarget target, HealthCheckConfig config) {
        LoopResources loop = loops[Math.floorMod(target.id().hashCode(), loops.length)];
        InetSocketAddress address = target.address();
        byte[] request = request(config.path(), address.getHostString() + ":" + address.getPort());
        SuccessCodes codes = config.codes();
        long intervalMillis = config.interval().toMillis();
        long timeoutMillis = config.timeout().toMillis();
        return loop.loop.scheduleAtFixedRate(
                () -> probe(loop, target, request, codes, timeoutMillis), 0, intervalMillis, TimeUnit.MILLISECONDS);
    }

    private static byte[] request(String path, String host) {
        return ("GET " + path + " HTTP/1.1\r\nHost: " + host
                        + "\r\nUser-Agent: Gale-HealthChecker/1.0\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void probe(
            LoopResources loop, CheckedTarget target, byte[] request, SuccessCodes codes, long timeoutMillis) {
        Probe probe = new Probe(target, request, codes);
        Bootstrap b = loop.backend
                .clone()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeoutMillis)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new ResponseDecoder(), probe);
                    }
                });
        ChannelFuture connect = b.connect(target.address());
        probe.timeout = loop.loop.schedule(
                () -> probe.fail(
                        connect.channel(), TargetReason.TIMEOUT, "no response within " + timeoutMillis + " ms"),
                timeoutMillis,
                TimeUnit.MILLISECONDS);
        connect.addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                Throwable cause = f.cause();
                if (cause instanceof ConnectTimeoutException) {
                    probe.fail(f.channel(), TargetReason.TIMEOUT, "connect timed out after " + timeoutMillis + " ms");
                } else {
                    String why = cause instanceof ConnectException ? "connection refused" : String.valueOf(cause);
                    probe.fail(f.channel(), TargetReason.FAILED_HEALTH_CHECKS, why);
                }
            }
        });
    }

    /** One check: its outcome is reported exactly once. */
    private static final class Probe extends ChannelInboundHandlerAdapter {
        private final CheckedTarget target;
        private final byte[] request;
        private final SuccessCodes codes;
        ScheduledFuture<?> timeout;
        private boolean reported;

        Probe(CheckedTarget target, byte[] request, SuccessCodes codes) {
            this.target = target;
            this.request = request;
            this.codes = codes;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(request));
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof ResponseHead response && !reported) {
                    if (response.failed()) {
                        fail(ctx.channel(), TargetReason.FAILED_HEALTH_CHECKS, "malformed response");
                        return;
                    }
                    if (response.informational()) {
                        return;
                    }
                    int status = response.status;
                    if (codes.matches(status)) {
                        done(ctx.channel());
                        target.onCheckSuccess();
                    } else {
                        fail(
                                ctx.channel(),
                                TargetReason.RESPONSE_CODE_MISMATCH,
                                "status " + status + " (expected: " + codes + ")");
                    }
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            fail(ctx.channel(), TargetReason.FAILED_HEALTH_CHECKS, "connection closed before a response");
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(ctx.channel(), TargetReason.FAILED_HEALTH_CHECKS, String.valueOf(cause.getMessage()));
        }

        void fail(Channel channel, TargetReason reason, String detail) {
            if (done(channel)) {
                target.onCheckFailure(reason, detail);
            }
        }

        private boolean done(Channel channel) {
            if (reported) {
                return false;
            }
            reported = true;
            if (timeout != null) {
                timeout.cancel(false);
            }
            channel.close();
            return true;
        }
    }
}
