package dev.cascade.loadtests.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchOptionsTest {

    @TempDir
    Path checkout;

    private Path module() throws IOException {
        Files.writeString(checkout.resolve("mvnw"), "#!/bin/sh\n");
        Files.createDirectories(checkout.resolve("services/telemetry-service"));
        return Files.createDirectories(checkout.resolve("load-tests/telemetry-bench"));
    }

    @Test
    void everyOptionHasItsDocumentedDefault() throws IOException {
        BenchOptions options = BenchOptions.parse(new String[0], module());

        assertThat(options.count()).isEqualTo(1_000_000);
        assertThat(options.partitions()).isEqualTo(1);
        assertThat(options.repeat()).isEqualTo(1);
        assertThat(options.seed()).isEqualTo(42);
        assertThat(options.invalidShare()).isZero();
        assertThat(options.serviceJvm()).containsExactly("-Xmx512m");
        assertThat(options.baselineJvm()).containsExactly("-Xmx512m");
        assertThat(options.serviceJar()).isEqualTo(checkout.resolve("services/telemetry-service/target/quarkus-app/quarkus-run.jar"));
        assertThat(options.out()).isEqualTo(checkout.resolve("load-tests/telemetry-bench/target/telemetry-bench.json"));
        assertThat(options.work()).isEqualTo(checkout.resolve("load-tests/telemetry-bench/target/telemetry-bench"));
        assertThat(List.of(options.startupSeconds(), options.stallSeconds(), options.drainSeconds())).containsExactly(120, 60, 60);
    }

    @Test
    void optionsOverrideTheDefaults() throws IOException {
        BenchOptions options = BenchOptions.parse(new String[] {"--count", "20_000", "--partitions", "3", "--repeat", "2",
                "--seed", "7", "--invalid-share", "0.02", "--service-jvm", " -Xmx256m  -XX:+UseSerialGC ",
                "--baseline-jvm", "", "--out", "target/x.json"}, module());

        assertThat(options.count()).isEqualTo(20_000);
        assertThat(options.partitions()).isEqualTo(3);
        assertThat(options.repeat()).isEqualTo(2);
        assertThat(options.seed()).isEqualTo(7);
        assertThat(options.invalidShare()).isEqualTo(0.02);
        assertThat(options.serviceJvm()).containsExactly("-Xmx256m", "-XX:+UseSerialGC");
        assertThat(options.baselineJvm()).isEmpty();
        assertThat(options.out()).isEqualTo(checkout.resolve("target/x.json"));
    }

    @Test
    void helpIsNoRun() throws IOException {
        assertThat(BenchOptions.parse(new String[] {"--count", "5", "--help"}, module())).isNull();
    }

    @Test
    void nonsenseIsRefusedWithTheOptionsName() throws IOException {
        Path module = module();
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--count", "0"}, module)).hasMessageContaining("--count");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--invalid-share", "1.5"}, module)).hasMessageContaining("--invalid-share");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--repeat"}, module)).hasMessageContaining("missing value after --repeat");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--rate", "5"}, module)).hasMessageContaining("unknown option --rate");
    }

    @Test
    void outsideACheckoutItSaysSo(@TempDir Path elsewhere) {
        assertThatThrownBy(() -> BenchOptions.parse(new String[0], elsewhere)).hasMessageContaining("no Cascade checkout");
    }
}
