package gale.loadgen.nginx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A real nginx for the client's tests, in a temporary folder: certificates made with openssl (a CA, a server
 * certificate for localhost, a client certificate), and an nginx started on a config whose {@code DIR} stands for
 * that folder, stopped by {@link #close}.
 */
public final class Nginx implements AutoCloseable {

    private final Process process;

    private Nginx(Process process) {
        this.process = process;
    }

    /** Makes ca.pem, server.pem/server.key (CN and SAN localhost) and client.pem/client.key in {@code dir}. */
    public static void certificates(Path dir) throws IOException, InterruptedException {
        openssl(
                dir,
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=gale test CA",
                "-keyout",
                "ca.key",
                "-out",
                "ca.pem");
        for (String who : List.of("server", "client")) {
            openssl(
                    dir,
                    "req",
                    "-newkey",
                    "rsa:2048",
                    "-nodes",
                    "-subj",
                    who.equals("server") ? "/CN=localhost" : "/CN=gale-load",
                    "-keyout",
                    who + ".key",
                    "-out",
                    who + ".csr");
            Files.writeString(
                    dir.resolve(who + ".ext"),
                    who.equals("server")
                            ? "subjectAltName=DNS:localhost\nextendedKeyUsage=serverAuth\n"
                            : "extendedKeyUsage=clientAuth\n");
            openssl(
                    dir,
                    "x509",
                    "-req",
                    "-in",
                    who + ".csr",
                    "-CA",
                    "ca.pem",
                    "-CAkey",
                    "ca.key",
                    "-CAcreateserial",
                    "-days",
                    "2",
                    "-extfile",
                    who + ".ext",
                    "-out",
                    who + ".pem");
        }
    }

    /** nginx's directives that serve TLS with the server certificate of {@link #certificates}. */
    public static String tls(Path dir) {
        return "ssl_certificate " + dir.resolve("server.pem") + "; ssl_certificate_key " + dir.resolve("server.key")
                + ";";
    }

    /**
     * Starts nginx with {@code http} (the body of its http block, DIR standing for {@code dir}) and waits until
     * every one of {@code ports} listens.
     */
    public static Nginx start(Path dir, String http, int... ports) throws IOException {
        Files.createDirectories(dir.resolve("tmp"));
        Files.writeString(dir.resolve("nginx.conf"), """
                worker_processes 1;
                daemon off;
                pid DIR/nginx.pid;
                error_log DIR/error.log;
                events { worker_connections 256; }
                http {
                  client_body_temp_path DIR/tmp; proxy_temp_path DIR/tmp; fastcgi_temp_path DIR/tmp;
                  uwsgi_temp_path DIR/tmp; scgi_temp_path DIR/tmp;
                HTTP
                }
                """.replace("HTTP", http).replace("DIR", dir.toString()));
        Process p = new ProcessBuilder(
                        "nginx",
                        "-e",
                        dir.resolve("error.log").toString(),
                        "-p",
                        dir.toString(),
                        "-c",
                        dir.resolve("nginx.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("nginx.out").toFile())
                .start();
        Nginx nginx = new Nginx(p);
        try {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> !p.isAlive() || Arrays.stream(ports).allMatch(Nginx::listening));
            assertThat(p.isAlive())
                    .as("nginx: " + Files.readString(dir.resolve("nginx.out")))
                    .isTrue();
        } catch (RuntimeException | AssertionError e) {
            nginx.close();
            throw e;
        }
        return nginx;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", command) + "\n" + out).isZero();
    }
}
