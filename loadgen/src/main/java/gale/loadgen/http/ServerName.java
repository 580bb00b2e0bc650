package gale.loadgen.http;

import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * SNI for every host name: the JDK sends none for a name without a dot ({@code localhost}, a container's name), so
 * a server that picks its certificate by name would answer with its default one. IP literals get none (RFC 6066).
 */
final class ServerName {

    private ServerName() {}

    static void set(SSLEngine engine, String host) {
        if (host.indexOf('.') >= 0 || host.indexOf(':') >= 0 || host.startsWith("[") || host.isEmpty()) {
            return; // dotted names get SNI from the JDK already; IPv6 literals get none
        }
        SSLParameters p = engine.getSSLParameters();
        p.setServerNames(List.of(new SNIHostName(host)));
        engine.setSSLParameters(p);
    }
}
