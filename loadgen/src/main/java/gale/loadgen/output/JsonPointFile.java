package gale.loadgen.output;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * k6's {@code --out json=FILE}: one JSON object per line, {@code {"type":"Metric","data":{"name","type",
 * "contains","thresholds","submetrics"},"metric"}} declarations and {@code {"type":"Point","data":{"time","value",
 * "tags"},"metric"}} samples, times in RFC 3339.
 */
final class JsonPointFile implements PointFile {

    private final JsonGenerator out;

    JsonPointFile(Path file) throws IOException {
        out = new JsonFactory().createGenerator(file.toFile(), JsonEncoding.UTF8);
        out.setPrettyPrinter(new MinimalPrettyPrinter("\n"));
    }

    @Override
    public void declare(String metric, String type, String contains) throws IOException {
        out.writeStartObject();
        out.writeStringField("type", "Metric");
        out.writeObjectFieldStart("data");
        out.writeStringField("name", metric);
        out.writeStringField("type", type);
        out.writeStringField("contains", contains);
        out.writeArrayFieldStart("thresholds");
        out.writeEndArray();
        out.writeNullField("submetrics");
        out.writeEndObject();
        out.writeStringField("metric", metric);
        out.writeEndObject();
    }

    @Override
    public void write(Point p) throws IOException {
        out.writeStartObject();
        out.writeStringField("type", "Point");
        out.writeObjectFieldStart("data");
        out.writeStringField("time", Instant.ofEpochMilli(p.epochMillis()).toString());
        out.writeNumberField("value", p.value());
        out.writeObjectFieldStart("tags");
        for (Map.Entry<String, String> t : p.tags().entrySet()) {
            out.writeStringField(t.getKey(), t.getValue());
        }
        out.writeEndObject();
        out.writeEndObject();
        out.writeStringField("metric", p.metric());
        out.writeEndObject();
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.writeRaw('\n');
        out.close();
    }
}
