package gale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportKubernetesCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesOneFilePerServiceAndTheSharedObjects() throws Exception {
        CliRun run = CliRun.of(
                "export",
                "kubernetes",
                "-f",
                "../examples/full.yaml",
                "--image",
                "registry.test/gale:1",
                "--namespace",
                "shop",
                "--dir",
                dir.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(dir.resolve("web.yaml")).exists();
        assertThat(dir.resolve("api.yaml")).exists();
        assertThat(dir.resolve("ingress.yaml")).exists();
        assertThat(dir.resolve("dashboard.yaml")).exists();
        String web = Files.readString(dir.resolve("web.yaml"));
        assertThat(web).contains("namespace: shop").contains("image: registry.test/gale:1");
        assertThat(run.out()).contains("'# note:' comments");
    }

    @Test
    void writesTheLoadJobAloneWithoutAStackFile() throws Exception {
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(
                plan,
                "requests: [\"http://web/\"]\nscenarios:\n  s: { executor: constant-vus, vus: 8,"
                        + " duration: 1m }\n");

        CliRun run = CliRun.of(
                "export",
                "kubernetes",
                "--load",
                plan.toString(),
                "--parallelism",
                "4",
                "--dir",
                dir.resolve("out").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        try (var files = Files.list(dir.resolve("out"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("load.yaml");
        }
        assertThat(Files.readString(dir.resolve("out/load.yaml"))).contains("completionMode: Indexed");
    }

    @Test
    void refusesABadPlanAndParallelismWithoutAPlan() throws Exception {
        Path plan = dir.resolve("bad.yaml");
        Files.writeString(plan, "scenarios: { s: { executor: constant-vu } }\n");

        CliRun bad = CliRun.of("export", "kubernetes", "--load", plan.toString(), "--dir", dir.toString());
        CliRun alone = CliRun.of("export", "kubernetes", "--parallelism", "3", "--dir", dir.toString());

        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--load").contains("executor");
        assertThat(alone.exitCode()).isEqualTo(2);
        assertThat(alone.err()).contains("--parallelism: 3 (expected: with --load PLAN.yaml)");
    }
}
