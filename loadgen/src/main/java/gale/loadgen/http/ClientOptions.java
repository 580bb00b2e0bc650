package gale.loadgen.http;

import gale.loadgen.plan.Protocol;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the {@link HttpEngine} connects.
 *
 * @param threads event loops (> 0)
 * @param maxConnectionsPerOrigin over all loops; each loop gets its share, rounded up
 * @param timeout per request, connect included
 * @param tls some request goes to an https:// URL (the JDK's TLS costs ~0.5 s of CPU to set up: only then)
 * @param insecure accept any server certificate
 * @param clientCert a PEM certificate chain for servers that ask for one, or null
 * @param clientKey its PEM private key, or null
 * @param protocol the HTTP version to speak
 * @param streamsPerConnection most streams in flight on one HTTP/2 connection
 */
public record ClientOptions(
        int threads,
        int maxConnectionsPerOrigin,
        Duration timeout,
        boolean tls,
        boolean insecure,
        Path clientCert,
        Path clientKey,
        Protocol protocol,
        int streamsPerConnection) {

    public ClientOptions {
        if (threads < 1) {
            throw new IllegalArgumentException("threads: " + threads + " (expected: > 0)");
        }
        if (maxConnectionsPerOrigin < 1) {
            throw new IllegalArgumentException(
                    "maxConnectionsPerOrigin: " + maxConnectionsPerOrigin + " (expected: > 0)");
        }
        if (streamsPerConnection < 1) {
            throw new IllegalArgumentException("streamsPerConnection: " + streamsPerConnection + " (expected: > 0)");
        }
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(protocol, "protocol");
        if ((clientCert == null) != (clientKey == null)) {
            throw new IllegalArgumentException("clientKey: " + clientKey + " (expected: with clientCert)");
        }
    }
}
