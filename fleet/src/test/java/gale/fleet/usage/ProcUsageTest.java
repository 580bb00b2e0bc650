package gale.fleet.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcUsageTest {

    @TempDir
    Path proc;

    @Test
    void parseCpuTicks_countsFieldsAfterTheCommandNameEvenWithSpacesAndParentheses() {
        String stat = "1234 (my (odd) app) S 1 1234 1234 0 -1 4194560 500 0 0 0 250 50 7 3 20 0 12 0 100 999 42";

        assertThat(ProcUsage.parseCpuTicks(stat)).contains(300L);
        assertThat(ProcUsage.parseCpuTicks("garbage")).isEmpty();
    }

    @Test
    void parseRssBytes_readsVmRssInKilobytes() {
        assertThat(ProcUsage.parseRssBytes("Name:\tjava\nVmRSS:\t   2048 kB\nThreads:\t9\n"))
                .contains(2048L * 1024);
        assertThat(ProcUsage.parseRssBytes("Name:\tkthreadd\n")).isEmpty();
    }

    @Test
    void meterReportsPercentOfLimitFromSuccessiveSamples() throws Exception {
        Path pid = Files.createDirectories(proc.resolve("77"));
        Files.writeString(pid.resolve("status"), "VmRSS:\t1000 kB\n");
        ProcessHandle handle = new FakeHandle(77);
        UsageMeter oneCore = new UsageMeter(new ProcUsage(proc), null);
        UsageMeter quarterCore = new UsageMeter(new ProcUsage(proc), 0.25);

        writeTicks(pid, 100);
        assertThat(oneCore.sample(List.of(handle), 0).cpuPercent()).isZero();
        assertThat(quarterCore.sample(List.of(handle), 0).cpuPercent()).isZero();
        // 25 ticks = 250 ms of CPU in one second of wall time: a quarter of a core.
        writeTicks(pid, 125);
        UsageMeter.Reading reading = oneCore.sample(List.of(handle), 1_000_000_000L);

        assertThat(reading.cpuPercent()).isEqualTo(25.0);
        assertThat(reading.memoryBytes()).isEqualTo(1000 * 1024);
        assertThat(quarterCore.sample(List.of(handle), 1_000_000_000L).cpuPercent())
                .isEqualTo(100.0);
    }

    @Test
    void readsThisProcessFromTheRealProc() {
        ProcUsage real = ProcUsage.system();
        long self = ProcessHandle.current().pid();

        assertThat(real.cpuNanos(self))
                .hasValueSatisfying(nanos -> assertThat(nanos).isPositive());
        assertThat(real.rssBytes(self))
                .hasValueSatisfying(bytes -> assertThat(bytes).isGreaterThan(1 << 20));
        assertThat(real.cpuNanos(Long.MAX_VALUE)).isEqualTo(Optional.empty());
    }

    private static void writeTicks(Path pid, long utime) throws Exception {
        Files.writeString(pid.resolve("stat"), "77 (java) S 1 1 1 0 -1 0 0 0 0 0 " + utime + " 0 0 0 20 0 1 0 1 1 1");
    }

    /** Only the pid matters to the meter. */
    private record FakeHandle(long pid) implements ProcessHandle {
        @Override
        public Optional<ProcessHandle> parent() {
            return Optional.empty();
        }

        @Override
        public java.util.stream.Stream<ProcessHandle> children() {
            return java.util.stream.Stream.empty();
        }

        @Override
        public java.util.stream.Stream<ProcessHandle> descendants() {
            return java.util.stream.Stream.empty();
        }

        @Override
        public Info info() {
            return ProcessHandle.current().info();
        }

        @Override
        public java.util.concurrent.CompletableFuture<ProcessHandle> onExit() {
            return new java.util.concurrent.CompletableFuture<>();
        }

        @Override
        public boolean supportsNormalTermination() {
            return true;
        }

        @Override
        public boolean destroy() {
            return false;
        }

        @Override
        public boolean destroyForcibly() {
            return false;
        }

        @Override
        public boolean isAlive() {
            return true;
        }

        @Override
        public int compareTo(ProcessHandle other) {
            return Long.compare(pid, other.pid());
        }
    }
}
