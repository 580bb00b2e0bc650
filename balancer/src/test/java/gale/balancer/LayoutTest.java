package gale.balancer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The balancer's layout: the module rules of DESIGN.md, feature packages without cycles, and small files. */
class LayoutTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("gale.balancer");

    @Test
    void balancerImportsNoModuleThatUsesIt() {
        noClasses()
                .that()
                .resideInAPackage("gale.balancer..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("gale.fleet..", "gale.autoscaler..", "gale.control..", "gale.loadgen..")
                .check(MAIN);
    }

    @Test
    void internalFeaturePackagesHaveNoCycle() {
        slices().matching("gale.balancer.internal.(*)..")
                .should()
                .beFreeOfCycles()
                .check(MAIN);
    }

    @Test
    void featurePackagesNeverReachBackToWhatAssemblesThem() {
        noClasses()
                .that()
                .resideInAPackage("gale.balancer.internal.*..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("gale.balancer.internal")
                .check(MAIN);
    }

    @Test
    void noMainSourceFileIsOver400Lines() throws IOException {
        Map<Path, Long> tooLong;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            List<Path> sources =
                    files.filter(f -> f.toString().endsWith(".java")).toList();
            assertThat(sources).hasSizeGreaterThan(40);
            tooLong = sources.stream().collect(Collectors.toMap(f -> f, LayoutTest::lines)).entrySet().stream()
                    .filter(e -> e.getValue() > 400)
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        }
        assertThat(tooLong).isEmpty();
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
