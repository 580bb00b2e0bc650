import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The attacker of bench/slow-clients.sh, run as a source file (`java bench/SlowClients.java ...`): slowloris
 * connections that send a request head one header line at a time, and slow POSTs that send a declared 1 MiB body one
 * byte at a time. Each runs on its own virtual thread and opens a new connection as soon as the server closes its
 * last one, so the number of attackers stays constant for the whole run. The pace (one write per gap, with a random
 * start within the first gap so that writes don't come in waves) is the attack, not a wait for a condition.
 *
 * <p>Usage: java SlowClients.java HOST PORT SLOWLORIS SLOW_POSTS SECONDS [HEADER_GAP_MS] [BODY_GAP_MS]
 * (defaults 5000, 5000). Prints "ready" once every connection is open, then at the end one line per kind:
 * connections opened, closed by the server, and the statuses of the answers it got before the close.
 */
public final class SlowClients {
    private static final long BODY_BYTES = 1 << 20;

    private final InetSocketAddress server;
    private final long endNanos;
    private final long headerGapMillis;
    private final long bodyGapMillis;

    private record Tally(AtomicLong opened, AtomicLong closed, AtomicLong answered408, AtomicLong answeredOther) {
        Tally() {
            this(new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong());
        }

        String line(String kind) {
            return kind + " opened=" + opened + " closed_by_server=" + closed + " answered_408=" + answered408
                    + " answered_other=" + answeredOther;
        }
    }

    private final Tally loris = new Tally();
    private final Tally posts = new Tally();
    private final AtomicInteger connected = new AtomicInteger();

    private SlowClients(InetSocketAddress server, long seconds, long headerGapMillis, long bodyGapMillis) {
        this.server = server;
        this.endNanos = System.nanoTime() + seconds * 1_000_000_000L;
        this.headerGapMillis = headerGapMillis;
        this.bodyGapMillis = bodyGapMillis;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println(
                    "usage: java SlowClients.java HOST PORT SLOWLORIS SLOW_POSTS SECONDS [HEADER_GAP_MS] [BODY_GAP_MS]");
            System.exit(2);
        }
        int loris = Integer.parseInt(args[2]);
        int posts = Integer.parseInt(args[3]);
        SlowClients attack = new SlowClients(
                new InetSocketAddress(args[0], Integer.parseInt(args[1])),
                Long.parseLong(args[4]),
                args.length > 5 ? Long.parseLong(args[5]) : 5000,
                args.length > 6 ? Long.parseLong(args[6]) : 5000);
        attack.run(loris, posts);
    }

    private void run(int lorisCount, int postCount) throws InterruptedException {
        Thread[] threads = new Thread[lorisCount + postCount];
        for (int i = 0; i < threads.length; i++) {
            boolean post = i >= lorisCount;
            threads[i] = Thread.ofVirtual().start(() -> attacker(post));
        }
        Thread.ofVirtual().start(() -> {
            while (connected.get() < threads.length && System.nanoTime() < endNanos) {
                sleep(100);
            }
            System.out.println("ready " + connected.get());
        });
        for (Thread t : threads) {
            t.join();
        }
        System.out.println(loris.line("slowloris"));
        System.out.println(posts.line("slow_post"));
    }

    /** One attacker: a connection at a time, each as slow as its kind, until the run ends. */
    private void attacker(boolean post) {
        Tally tally = post ? posts : loris;
        boolean first = true;
        while (System.nanoTime() < endNanos) {
            try (Socket s = new Socket()) {
                s.connect(server, 5000);
                tally.opened.incrementAndGet();
                if (first) {
                    connected.incrementAndGet();
                }
                slow(s, post, first, tally);
            } catch (IOException closed) {
                tally.closed.incrementAndGet();
            }
            first = false;
        }
    }

    private void slow(Socket s, boolean post, boolean first, Tally tally) throws IOException {
        OutputStream out = s.getOutputStream();
        InputStream in = s.getInputStream();
        long gap = post ? bodyGapMillis : headerGapMillis;
        if (first) {
            sleep(ThreadLocalRandom.current().nextLong(gap)); // spread the first writes over one gap
        }
        String head = post
                ? "POST /upload HTTP/1.1\r\nHost: bench\r\nContent-Length: " + BODY_BYTES + "\r\n\r\n"
                : "GET / HTTP/1.1\r\nHost: bench\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; System.nanoTime() < endNanos; i++) {
            sleep(gap);
            if (in.available() > 0) { // the server answered (408, or a target's early answer): read it, go again
                int status = status(in);
                (status == 408 ? tally.answered408 : tally.answeredOther).incrementAndGet();
                throw new IOException("answered " + status);
            }
            out.write((post ? "x" : "X-Slow-" + i + ": a\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }

    /** The status code of the answer that starts in {@code in}. */
    private static int status(InputStream in) throws IOException {
        byte[] line = new byte[12];
        int n = in.readNBytes(line, 0, line.length);
        String text = new String(line, 0, n, StandardCharsets.US_ASCII);
        return n == 12 && text.startsWith("HTTP/1.") ? Integer.parseInt(text.substring(9, 12)) : -1;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
