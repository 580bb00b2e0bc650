package gale.control.stack;

import static java.util.Objects.requireNonNull;

import java.net.URI;

/** Where alarm changes are sent: a Discord or Slack webhook, any webhook (JSON POST), or the log. */
public record NotifierSpec(Kind kind, URI url) {

    public enum Kind {
        DISCORD,
        SLACK,
        WEBHOOK,
        LOG
    }

    public NotifierSpec {
        requireNonNull(kind, "kind");
        if (kind != Kind.LOG) {
            requireNonNull(url, "url");
        }
    }
}
