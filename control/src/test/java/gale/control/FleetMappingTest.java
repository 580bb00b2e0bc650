package gale.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetMappingTest {

    @TempDir
    Path dir;

    @Test
    void appClassPath_keepsJarsAndTheAppFolderButDropsOtherFolders() throws IOException {
        Path jar = Files.createFile(dir.resolve("netty.jar"));
        Path appFolder = dir.resolve("app-classes");
        Files.createDirectories(appFolder.resolve("gale/app"));
        Files.createFile(appFolder.resolve("gale/app/AppMain.class"));
        Path controlFolder = Files.createDirectories(dir.resolve("control-classes/gale/control"))
                .getParent()
                .getParent();

        String classPath = String.join(
                File.pathSeparator, List.of(controlFolder.toString(), jar.toString(), appFolder.toString()));

        assertThat(FleetMapping.appClassPath(classPath)).isEqualTo(jar + File.pathSeparator + appFolder);
    }

    @Test
    void builtInAppCommand_neverWritesTheClassDataArchiveAndRunsTheAppMain() {
        List<String> command = FleetMapping.builtInAppCommand();

        assertThat(command).endsWith(FleetMapping.APP_MAIN);
        assertThat(command).noneSatisfy(flag -> assertThat(flag).contains("AutoCreateSharedArchive"));
        assertThat(command).noneSatisfy(flag -> assertThat(flag).contains("ArchiveClassesAtExit"));
        String classPath = command.get(command.indexOf("-cp") + 1);
        assertThat(classPath.split(File.pathSeparator))
                .noneSatisfy(entry -> assertThat(entry).endsWith("test-classes"));
    }
}
