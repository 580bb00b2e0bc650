package gale.loadgen.metrics;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/** HdrHistogram's compressed form (base64, starting {@code HISTF}, as in its log format), both ways. */
public final class HistogramCodec {

    private HistogramCodec() {}

    public static byte[] compress(Histogram h) {
        ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int length = h.encodeIntoCompressedByteBuffer(buffer, 9);
        byte[] out = new byte[length];
        buffer.flip();
        buffer.get(out);
        return out;
    }

    public static String base64(Histogram h) {
        return Base64.getEncoder().encodeToString(compress(h));
    }

    public static String base64(byte[] compressed) {
        return Base64.getEncoder().encodeToString(compressed);
    }

    /** A histogram like the engine's (3 significant digits, resizing) holding the encoded one's counts. */
    public static Histogram decode(String base64) {
        return decode(Base64.getDecoder().decode(base64));
    }

    public static Histogram decode(byte[] compressed) {
        try {
            Histogram decoded = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(compressed), 0);
            Histogram out = LoopMetrics.histogram();
            out.add(decoded);
            return out;
        } catch (DataFormatException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "histogram: not HdrHistogram's compressed form (" + e.getMessage() + ")", e);
        }
    }
}
