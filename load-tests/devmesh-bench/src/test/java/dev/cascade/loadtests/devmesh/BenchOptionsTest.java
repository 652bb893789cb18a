package dev.cascade.loadtests.devmesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void devmeshArgumentsAreRepeatableAndKeptInOrder() {
        BenchOptions options = BenchOptions.parse(new String[] {"--seconds", "10",
                "--devmesh-arg", "-Ddevmesh.kafka.embedded=true", "--devmesh-arg", "-Dquarkus.log.level=WARN"});

        assertThat(options.seconds()).isEqualTo(10);
        assertThat(options.warmupSeconds()).isEqualTo(5);
        assertThat(options.concurrency()).isEqualTo(64);
        assertThat(options.devmeshArgs()).containsExactly("-Ddevmesh.kafka.embedded=true", "-Dquarkus.log.level=WARN");
        assertThat(options.devmeshJar()).endsWith(Path.of("devmesh/target/quarkus-app/quarkus-run.jar"));
        assertThat(options.kafka()).isEqualTo(BenchOptions.KafkaMode.PROCESS);
    }

    @Test
    void theKafkaClassRunsOnKafkaInItsOwnJvmUnlessToldOtherwise() {
        assertThat(BenchOptions.parse(new String[] {"--kafka", "embedded"}).kafka())
                .isEqualTo(BenchOptions.KafkaMode.EMBEDDED);
        assertThat(BenchOptions.parse(new String[] {"--kafka", "NONE"}).kafka()).isEqualTo(BenchOptions.KafkaMode.NONE);
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--kafka", "docker"}))
                .hasMessage("--kafka is process, embedded or none, not docker");
    }

    @Test
    void unknownOptionsAndBadNumbersAreRefused() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--secs", "10"}))
                .hasMessage("unknown option --secs");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--concurrency", "0"}))
                .hasMessage("--concurrency must be positive");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--seconds"}))
                .hasMessage("missing value after --seconds");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--rate", "200000", "--seconds", "20"}))
                .hasMessageContaining("--rate × --seconds");
    }

    @Test
    void helpIsNotAnError() {
        assertThat(BenchOptions.parse(new String[] {"--help"})).isNull();
    }
}
