package gale.dataserver;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Asks a server on 127.0.0.1 whether it accepts clients, in its own protocol, within {@link #TIMEOUT_MS}. */
final class Probe {

    static final int TIMEOUT_MS = 1_000;

    private Probe() {}

    /**
     * Writes {@code request} (none when null) and reads the first bytes of the answer; null when the server did not
     * answer.
     */
    static byte[] exchange(int port, byte[] request, int answerBytes) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), TIMEOUT_MS);
            socket.setSoTimeout(TIMEOUT_MS);
            if (request != null) {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
            }
            InputStream in = socket.getInputStream();
            byte[] answer = in.readNBytes(answerBytes);
            return answer.length == answerBytes ? answer : null;
        } catch (IOException e) {
            return null;
        }
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
