package gale.monitor.export;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/** Quotes values that come from users (URLs, addresses) into the YAML Gale writes from templates. */
final class Yaml {
    private Yaml() {}

    /** A YAML double-quoted scalar; JSON's escapes are YAML's, so any string is safe inside. */
    static String quote(String value) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(value)) + "\"";
    }
}
