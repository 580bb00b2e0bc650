package gale.loadgen.feed;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * A built-in feeder that makes its value instead of reading it, set as the variable named after the feeder:
 * {@code sequence} (from {@code start}, one more each time, shared by all VUs), {@code randomString} of
 * {@code length} letters and digits, {@code uuid} (version 4) and {@code timestamp} (milliseconds since the epoch).
 */
public final class Generator implements Feeder {

    public static final int DEFAULT_LENGTH = 10;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    public enum Kind {
        SEQUENCE,
        RANDOMSTRING,
        UUID,
        TIMESTAMP;

        public static Kind parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "'" + text + "' (expected: sequence, randomString, uuid or timestamp)");
            }
        }
    }

    private final String name;
    private final Kind kind;
    private final int length;
    private final AtomicLong sequence;
    private final java.time.Clock clock;

    public Generator(String name, Kind kind, long start, int length, java.time.Clock clock) {
        if (length < 1) {
            throw new IllegalArgumentException("length: " + length + " (expected: >= 1)");
        }
        this.name = name;
        this.kind = kind;
        this.length = length;
        this.sequence = new AtomicLong(start);
        this.clock = clock;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Map<String, String> next(RandomGenerator random) {
        String value = switch (kind) {
            case SEQUENCE -> Long.toString(sequence.getAndIncrement());
            case TIMESTAMP -> Long.toString(clock.millis());
            case UUID -> {
                long hi = (random.nextLong() & ~0xF000L) | 0x4000L;
                long lo = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
                yield new UUID(hi, lo).toString();
            }
            case RANDOMSTRING -> {
                char[] chars = new char[length];
                for (int i = 0; i < length; i++) {
                    chars[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
                }
                yield new String(chars);
            }
        };
        return Map.of(name, value);
    }
}
