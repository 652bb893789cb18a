package dev.cascade.loadtests.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void defaultsMeasureEveryVariantFiveTimesWithBurstsOfAThousand() {
        BenchOptions options = BenchOptions.parse(new String[0]);

        assertThat(options.runs()).isEqualTo(5);
        assertThat(options.burst()).isEqualTo(1_000);
        assertThat(options.concurrency()).isEqualTo(64);
        assertThat(options.idle()).isEqualTo(Duration.ofSeconds(3));
        assertThat(options.variants()).containsExactlyElementsOf(Variant.MEASURED);
        assertThat(options.functionJvmArgs()).containsExactly("-Xmx128m", "-XX:+UseSerialGC");
        assertThat(options.devmeshJar()).endsWith(Path.of("devmesh/target/quarkus-app/quarkus-run.jar"));
        assertThat(options.work()).endsWith(Path.of("load-tests/serving-bench/target/serving-bench"));
    }

    @Test
    void variantsFunctionOptionsAndDevmeshArgumentsAreTaken() {
        BenchOptions options = BenchOptions.parse(new String[] {"--variants", "jvm, aot25-trained",
                "--function-jvm-args", " -Xmx64m  -XX:TieredStopAtLevel=1 ", "--devmesh-arg", "-Dx=1",
                "--devmesh-arg", "-Dy=2"});

        assertThat(options.variants()).containsExactly(Variant.JVM, Variant.AOT25_TRAINED);
        assertThat(options.functionJvmArgs()).containsExactly("-Xmx64m", "-XX:TieredStopAtLevel=1");
        assertThat(options.devmeshArgs()).containsExactly("-Dx=1", "-Dy=2");
    }

    @Test
    void unknownOptionsVariantsAndBadNumbersAreRefused() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--rounds", "3"}))
                .hasMessage("unknown option --rounds");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--variants", "jvm,native"}))
                .hasMessageStartingWith("unknown variant native");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--variants", "aot25-training"}))
                .hasMessageStartingWith("unknown variant aot25-training");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--runs", "0"}))
                .hasMessage("--runs needs a positive integer, not 0");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--burst"}))
                .hasMessage("missing value after --burst");
    }

    @Test
    void helpIsNotAnError() {
        assertThat(BenchOptions.parse(new String[] {"--help"})).isNull();
    }
}
