package gale.balancer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A target on plain sockets that keeps every byte it is sent and reads it as a strict HTTP/1.1 server would: each
 * request it can frame is recorded with what in it breaks RFC 9112, and answered 200 with an empty body. It never
 * closes a connection itself, so a close it sees is the balancer's. Health checks ({@value #HEALTH_PATH}) are
 * answered and not recorded.
 */
final class RecordingBackend implements AutoCloseable {
    static final String HEALTH_PATH = TestBackend.HEALTH_PATH;
    private static final Pattern REQUEST_LINE =
            Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+ [\\x21-\\x7e]+ HTTP/1\\.1");
    private static final Pattern FIELD_LINE =
            Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+:[ \\t]*[^\\x00-\\x08\\x0a-\\x1f\\x7f]*");

    /** One request as it arrived, and what in it a strict server would not accept. */
    record Received(int connection, String head, String body, List<String> problems) {
        String path() {
            return head.split(" ", 3)[1];
        }

        boolean asksToClose() {
            return head.toLowerCase(Locale.ROOT).contains("\r\nconnection: close\r\n");
        }
    }

    private final ServerSocket server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** Every byte of every connection that carried something other than health checks. */
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private final Set<Integer> closedByPeer = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();

    RecordingBackend() throws IOException {
        server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("recording-backend").start(this::accept);
    }

    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", server.getLocalPort());
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** Everything sent on connections that carried more than health checks, since the last {@link #clear}. */
    String bytes() {
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.ISO_8859_1);
        }
    }

    boolean closedByPeer(int connection) {
        return closedByPeer.contains(connection);
    }

    void clear() {
        received.clear();
        synchronized (bytes) {
            bytes.reset();
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                int id = connections.incrementAndGet();
                Thread.ofVirtual().start(() -> serve(s, id));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket, int id) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            while (true) {
                ByteArrayOutputStream seen = new ByteArrayOutputStream();
                String head = head(in, seen);
                if (head == null) {
                    closedByPeer.add(id);
                    keep(seen);
                    return;
                }
                List<String> problems = new ArrayList<>();
                String body = body(head, in, seen, problems);
                boolean health = head.startsWith("GET " + HEALTH_PATH + " ");
                if (!health) {
                    keep(seen);
                }
                if (body == null) {
                    closedByPeer.add(id);
                    return;
                }
                if (!health) {
                    check(head, problems);
                    received.add(new Received(id, head, body, List.copyOf(problems)));
                }
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException e) {
            closedByPeer.add(id);
        }
    }

    private void keep(ByteArrayOutputStream seen) {
        synchronized (bytes) {
            bytes.writeBytes(seen.toByteArray());
        }
    }

    /** The head through its CRLFCRLF; null when the connection ends first. */
    private static String head(InputStream in, ByteArrayOutputStream seen) throws IOException {
        int c;
        while ((c = in.read()) != -1) {
            seen.write(c);
            byte[] b = seen.toByteArray();
            int n = b.length;
            if (n >= 4 && b[n - 4] == '\r' && b[n - 3] == '\n' && b[n - 2] == '\r' && b[n - 1] == '\n') {
                return seen.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    /** The body as the head frames it, chunked framing included; null when the connection ends first. */
    private static String body(String head, InputStream in, ByteArrayOutputStream seen, List<String> problems)
            throws IOException {
        String lower = head.toLowerCase(Locale.ROOT);
        int start = seen.size();
        if (lower.contains("\r\ntransfer-encoding:")) {
            while (true) {
                String sizeLine = line(in, seen);
                if (sizeLine == null) {
                    return null;
                }
                if (!sizeLine.matches("[0-9a-fA-F]{1,15}")) {
                    problems.add("chunk size line " + sizeLine);
                    return seen.toString(StandardCharsets.ISO_8859_1).substring(start);
                }
                long size = Long.parseLong(sizeLine, 16);
                if (size == 0) {
                    String trailer;
                    do {
                        trailer = line(in, seen);
                    } while (trailer != null && !trailer.isEmpty());
                    return trailer == null
                            ? null
                            : seen.toString(StandardCharsets.ISO_8859_1).substring(start);
                }
                byte[] data = in.readNBytes((int) size);
                seen.writeBytes(data);
                if (data.length < size || !"".equals(line(in, seen))) {
                    return null;
                }
            }
        }
        java.util.regex.Matcher m =
                Pattern.compile("\r\ncontent-length: *([0-9]+)").matcher(lower);
        if (m.find()) {
            byte[] data = in.readNBytes(Integer.parseInt(m.group(1)));
            seen.writeBytes(data);
            return new String(data, StandardCharsets.ISO_8859_1);
        }
        return "";
    }

    private static String line(InputStream in, ByteArrayOutputStream seen) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            seen.write(c);
            if (c == '\n') {
                return sb.toString().endsWith("\r") ? sb.substring(0, sb.length() - 1) : sb + "\u0000bare-lf";
            }
            sb.append((char) c);
        }
        return null;
    }

    /** What in a head a strict server would refuse or could read two ways (RFC 9112 §3, §5, §6). */
    private static void check(String head, List<String> problems) {
        String[] lines = head.substring(0, head.length() - 4).split("\r\n", -1);
        if (!REQUEST_LINE.matcher(lines[0]).matches()) {
            problems.add("request line " + lines[0]);
        }
        int lengths = 0;
        int codings = 0;
        for (int i = 1; i < lines.length; i++) {
            String l = lines[i];
            if (!FIELD_LINE.matcher(l).matches()) {
                problems.add("field line " + l);
                continue;
            }
            String name = l.substring(0, l.indexOf(':')).toLowerCase(Locale.ROOT);
            String value = l.substring(l.indexOf(':') + 1).trim();
            if (name.equals("content-length")) {
                lengths++;
            } else if (name.equals("transfer-encoding")) {
                codings++;
                if (!value.equals("chunked")) {
                    problems.add("transfer coding " + value);
                }
            } else if (name.replaceAll("[^a-z]", "").matches("transferencoding|contentlength")) {
                problems.add("framing look-alike " + name);
            }
        }
        if (lengths > 1 || codings > 1 || (lengths > 0 && codings > 0)) {
            problems.add("framing fields: " + lengths + " Content-Length, " + codings + " Transfer-Encoding");
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
