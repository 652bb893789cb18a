package dev.cascade.devmesh.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {

    @Test
    void blanksSeparateArgumentsAndQuotesKeepThemTogether() {
        assertThat(CommandLine.split("  java -Xmx64m   -cp '/a dir/classes' Main \"two words\" a\\ b ''"))
                .containsExactly("java", "-Xmx64m", "-cp", "/a dir/classes", "Main", "two words", "a b", "");
    }

    @Test
    void anUnclosedQuoteOrNothingAtAllIsRefused() {
        assertThatThrownBy(() -> CommandLine.split("java 'Main")).hasMessageContaining("unclosed '");
        assertThatThrownBy(() -> CommandLine.split("   ")).hasMessageContaining("empty");
    }

    @Test
    void withoutACommandTheServiceRunsAsItsQuarkusJarWithDevmeshsJava(@TempDir Path root) throws Exception {
        ServiceSettings settings = new ServiceSettings(Optional.empty(), Optional.empty(), OptionalInt.empty(),
                ServiceSettings.DEFAULT_READINESS_PATH);
        assertThatThrownBy(() -> CommandLine.of(settings, "payments", root, Optional.empty()))
                .hasMessageContaining("services/payments/target/quarkus-app/quarkus-run.jar does not exist")
                .hasMessageContaining("devmesh.services.payments.command");

        Path jar = CommandLine.conventionJar(root, "payments");
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "");
        assertThat(CommandLine.of(settings, "payments", root, Optional.of("-Xmx128m -XX:+UseSerialGC")))
                .containsExactly(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                        "-XX:+UseSerialGC", "-jar", jar.toString());
    }

    @Test
    void aConfiguredCommandWins(@TempDir Path root) {
        ServiceSettings settings = new ServiceSettings(Optional.empty(), Optional.of("./run.sh --fast"),
                OptionalInt.empty(), ServiceSettings.DEFAULT_READINESS_PATH);
        assertThat(CommandLine.of(settings, "payments", root, Optional.of("-Xmx1g")))
                .containsExactly("./run.sh", "--fast");
    }
}
