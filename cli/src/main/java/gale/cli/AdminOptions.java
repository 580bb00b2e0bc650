package gale.cli;

import gale.control.StackOptions;
import gale.control.admin.AdminClient;
import gale.control.admin.StackDirectory;
import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the stack's admin API is, for every command that talks to a running stack. */
final class AdminOptions {

    @Option(
            names = "--admin-port",
            paramLabel = "PORT",
            description = "The stack's admin API port on 127.0.0.1 (default: ${DEFAULT-VALUE}).",
            defaultValue = "" + StackOptions.DEFAULT_ADMIN_PORT)
    int adminPort;

    @Option(
            names = "--admin-url",
            paramLabel = "URL",
            description = "The admin API's URL, when it is not on 127.0.0.1 (e.g. http://127.0.0.1:8091).")
    URI adminUrl;

    @Option(names = "--state-dir", hidden = true, description = "Where stacks keep their tokens (tests).")
    Path stateRoot;

    AdminClient client() {
        URI base = adminUrl != null ? adminUrl : URI.create("http://127.0.0.1:" + adminPort + "/");
        int port = base.getPort() == -1 ? 80 : base.getPort();
        Path root = stateRoot != null ? stateRoot : StackDirectory.defaultRoot();
        return new AdminClient(base, StackDirectory.readToken(root, port));
    }
}
