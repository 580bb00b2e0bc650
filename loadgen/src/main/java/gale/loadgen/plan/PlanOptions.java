package gale.loadgen.plan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Engine options shared by every scenario.
 *
 * @param connections most open connections per target origin; 0 means as many as VUs (k6's one connection per VU),
 *     bounded by the process's file-descriptor limit. VUs share keep-alive connections, so fewer are opened when
 *     VUs think.
 * @param threads event loops; 0 means one per available CPU
 * @param timeout per request, k6's default 60 s
 * @param insecureSkipTlsVerify accept any server certificate (k6's option of the same name)
 * @param tlsAuth a client certificate for servers that ask for one (k6's {@code tlsAuth}), or null
 * @param protocol the HTTP version, see {@link Protocol}; null means {@link #DEFAULT_PROTOCOL}
 * @param streamsPerConnection most requests in flight at once on one HTTP/2 connection (fewer if the server's
 *     SETTINGS_MAX_CONCURRENT_STREAMS says so); a pool fills a connection's streams before it opens another
 */
public record PlanOptions(
        int connections,
        int threads,
        Duration timeout,
        boolean insecureSkipTlsVerify,
        TlsAuth tlsAuth,
        Protocol protocol,
        int streamsPerConnection) {

    /** A client certificate chain and its private key, PEM files. */
    public record TlsAuth(Path cert, Path key) {
        public TlsAuth {
            if (cert == null || !Files.isReadable(cert)) {
                throw PlanException.field("cert", cert, "a readable PEM file");
            }
            if (key == null || !Files.isReadable(key)) {
                throw PlanException.field("key", key, "a readable PEM file");
            }
        }
    }

    public PlanOptions(int connections, int threads, Duration timeout, boolean insecureSkipTlsVerify) {
        this(connections, threads, timeout, insecureSkipTlsVerify, null, DEFAULT_PROTOCOL, DEFAULT_STREAMS);
    }

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** k6's behaviour: HTTP/2 when a TLS server offers it in ALPN, else HTTP/1.1. */
    public static final Protocol DEFAULT_PROTOCOL = Protocol.AUTO;
    /** RFC 9113 asks servers to allow at least 100 concurrent streams; nginx allows 128. */
    public static final int DEFAULT_STREAMS = 100;

    public static final PlanOptions DEFAULTS = new PlanOptions(0, 0, DEFAULT_TIMEOUT, false);

    public PlanOptions {
        if (connections < 0) {
            throw PlanException.field("options.connections", connections, ">= 0 (0 = one per VU)");
        }
        if (threads < 0 || threads > 256) {
            throw PlanException.field("options.threads", threads, "0-256 (0 = one per CPU)");
        }
        if (timeout == null) {
            timeout = DEFAULT_TIMEOUT;
        }
        if (timeout.isZero() || timeout.isNegative()) {
            throw PlanException.field("options.timeout", Durations.format(timeout), "> 0s");
        }
        if (protocol == null) {
            protocol = DEFAULT_PROTOCOL;
        }
        if (streamsPerConnection < 1 || streamsPerConnection > 10_000) {
            throw PlanException.field("options.streamsPerConnection", streamsPerConnection, "1-10000");
        }
    }
}
