package gale.loadgen.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Gatling's strategies over one shared feeder, CSV and JSON files, and the built-in generators. */
class FeederTest {

    @TempDir
    Path dir;

    private RecordFeeder csv(Strategy strategy, int rows) throws Exception {
        StringBuilder text = new StringBuilder("id,name\n");
        for (int i = 0; i < rows; i++) {
            text.append(i).append(",name ").append(i).append('\n');
        }
        Files.writeString(dir.resolve("data.csv"), text);
        return FeedFiles.read("data", dir.resolve("data.csv"), strategy, 42);
    }

    @Test
    void shuffleGivesEveryRecordOnceAcrossThreadsThenRunsOut() throws Exception {
        RecordFeeder feeder = csv(Strategy.SHUFFLE, 1000);
        ConcurrentLinkedQueue<String> taken = new ConcurrentLinkedQueue<>();
        var pool = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            long seed = t;
            done.add(pool.submit(() -> {
                SplittableRandom random = new SplittableRandom(seed);
                Map<String, String> r;
                while ((r = feeder.next(random)) != null) {
                    taken.add(r.get("id"));
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        assertThat(taken).hasSize(1000).doesNotHaveDuplicates();
        assertThat(new ArrayList<>(taken).subList(0, 10))
                .isNotEqualTo(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));
    }

    @Test
    void queueGivesRecordsInOrderOnceAndCircularStartsOver() throws Exception {
        SplittableRandom random = new SplittableRandom(1);
        RecordFeeder queue = csv(Strategy.QUEUE, 2);
        assertThat(queue.next(random)).containsEntry("id", "0").containsEntry("name", "name 0");
        assertThat(queue.next(random)).containsEntry("id", "1");
        assertThat(queue.next(random)).isNull();

        RecordFeeder circular = csv(Strategy.CIRCULAR, 2);
        assertThat(List.of(circular.next(random), circular.next(random), circular.next(random)))
                .extracting(r -> r.get("id"))
                .containsExactly("0", "1", "0");
    }

    @Test
    void randomNeverRunsOutAndReachesEveryRecord() throws Exception {
        RecordFeeder random = csv(Strategy.RANDOM, 5);
        SplittableRandom r = new SplittableRandom(7);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            seen.add(random.next(r).get("id"));
        }
        assertThat(seen).containsExactlyInAnyOrder("0", "1", "2", "3", "4");
    }

    @Test
    void csvFieldsMayBeQuotedWithCommasQuotesAndNewlines() throws Exception {
        Files.writeString(dir.resolve("q.csv"), "a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",z\n");
        RecordFeeder f = FeedFiles.read("q", dir.resolve("q.csv"), Strategy.QUEUE, 0);
        SplittableRandom r = new SplittableRandom(0);
        assertThat(f.next(r)).containsEntry("a", "x, y").containsEntry("b", "say \"hi\"");
        assertThat(f.next(r)).containsEntry("a", "two\nlines").containsEntry("b", "z");
    }

    @Test
    void jsonFilesAreArraysOfObjects() throws Exception {
        Files.writeString(dir.resolve("u.json"), "[{\"user\": \"ada\", \"age\": 36}, {\"user\": \"alan\"}]");
        RecordFeeder f = FeedFiles.read("u", dir.resolve("u.json"), Strategy.QUEUE, 0);
        SplittableRandom r = new SplittableRandom(0);
        assertThat(f.next(r)).containsEntry("user", "ada").containsEntry("age", "36");
        assertThat(f.next(r)).containsEntry("user", "alan").containsEntry("age", "");

        Files.writeString(dir.resolve("bad.json"), "{\"user\": \"ada\"}");
        assertThatThrownBy(() -> FeedFiles.read("b", dir.resolve("bad.json"), Strategy.QUEUE, 0))
                .hasMessageContaining("expected: a JSON array of objects");
    }

    @Test
    void aRecordWithTheWrongNumberOfFieldsIsRefused() throws Exception {
        Files.writeString(dir.resolve("bad.csv"), "a,b\n1,2\n3\n");
        assertThatThrownBy(() -> FeedFiles.read("b", dir.resolve("bad.csv"), Strategy.QUEUE, 0))
                .hasMessageContaining("bad.csv")
                .hasMessageContaining("a record of 1 fields (expected: 2");
    }

    @Test
    void generatorsMakeSequencesUuidsStringsAndTimestamps() {
        SplittableRandom r = new SplittableRandom(3);
        Clock clock = Clock.fixed(Instant.ofEpochMilli(1_700_000_000_123L), ZoneOffset.UTC);
        Generator seq = new Generator("n", Generator.Kind.SEQUENCE, 5, 10, clock);
        assertThat(List.of(seq.next(r).get("n"), seq.next(r).get("n"))).containsExactly("5", "6");
        assertThat(new Generator("id", Generator.Kind.UUID, 1, 10, clock)
                        .next(r)
                        .get("id"))
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(new Generator("s", Generator.Kind.RANDOMSTRING, 1, 16, clock)
                        .next(r)
                        .get("s"))
                .matches("[A-Za-z0-9]{16}");
        assertThat(new Generator("t", Generator.Kind.TIMESTAMP, 1, 10, clock).next(r))
                .containsEntry("t", "1700000000123");
    }
}
