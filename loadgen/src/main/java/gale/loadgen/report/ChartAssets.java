package gale.loadgen.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The chart code that the load report inlines and the control plane's dashboard serves: uPlot (from its webjar) and
 * Gale's {@code charts.js} and {@code gale.css} on top of it. One copy, so both pages draw alike, and neither ever
 * fetches a script from the network.
 */
public final class ChartAssets {

    public static final String UPLOT_JS = "uPlot.iife.min.js";
    public static final String UPLOT_CSS = "uPlot.min.css";
    public static final String CHARTS_JS = "charts.js";
    public static final String GALE_CSS = "gale.css";
    /** Every asset, in the order a page loads them: styles, then uPlot before the code that uses it. */
    public static final List<String> NAMES = List.of(UPLOT_CSS, GALE_CSS, UPLOT_JS, CHARTS_JS);

    private static final String OWN = "/gale/loadgen/report/web/";
    private static final String WEBJAR = "/META-INF/resources/webjars/uplot/";
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private ChartAssets() {}

    /** An asset's text by one of {@link #NAMES}, or a resource of {@code gale/loadgen/report/web/}. */
    public static String text(String name) {
        return CACHE.computeIfAbsent(name, ChartAssets::load);
    }

    /** {@code <style>} and {@code <script>} elements holding every asset, for a page that must work offline. */
    public static String inline() {
        StringBuilder out = new StringBuilder(64 * 1024);
        for (String name : NAMES) {
            out.append(element(name, text(name)));
        }
        return out.toString();
    }

    /** One asset as an inline element; {@code </} is escaped so that no text can end the element early. */
    public static String element(String name, String text) {
        boolean script = name.endsWith(".js");
        String body = text.replace("</", script ? "<\\/" : "<\\2f ");
        return script ? "<script>" + body + "</script>\n" : "<style>" + body + "</style>\n";
    }

    private static String load(String name) {
        String path = name.startsWith("uPlot") ? WEBJAR + uplotVersion() + "/dist/" + name : OWN + name;
        return read(path);
    }

    /** The webjar's version from its own pom.properties: one place (the pom) names it. */
    private static String uplotVersion() {
        Properties props = new Properties();
        try (InputStream in =
                ChartAssets.class.getResourceAsStream("/META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("chart assets: the uplot webjar is missing from the class path");
            }
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return props.getProperty("version");
    }

    private static String read(String path) {
        try (InputStream in = ChartAssets.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("chart asset: " + path + " (expected: one of " + NAMES + ")");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
