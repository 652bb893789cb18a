package dev.cascade.loadtests.serving;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VariantTest {

    private final BenchOptions options = BenchOptions.parse(new String[] {"--jdk25", "/opt/jdk-25"});

    @Test
    void appCdsRunsFromItsApplicationDirectoryAndRefusesToStartWithoutItsArchive() {
        String command = Variant.APPCDS.command(options, Fixture.ECHO);

        assertThat(command)
                .startsWith("/bin/sh -c 'cd " + options.root()
                        .resolve("load-tests/fixture-functions/echo-function/target/quarkus-app") + " && exec ")
                .endsWith(" -Xmx128m -XX:+UseSerialGC -XX:SharedArchiveFile=app-cds.jsa -Xshare:on -jar quarkus-run.jar'");
    }

    @Test
    void jdk25VariantsRunTheAotJarOnTheGivenJdk() {
        String command = Variant.AOT25.command(options, Fixture.ECHO_DB);

        assertThat(command).contains("echo-db-function/target/quarkus-app-aot && exec /opt/jdk-25/bin/java ")
                .endsWith(" -XX:AOTCache=app.aot -XX:AOTMode=on -jar quarkus-run.jar'");
    }

    @Test
    void theTrainingRunWritesTheCacheTheTrainedVariantReads() {
        assertThat(Variant.TRAINING.archive(options, Fixture.ECHO))
                .isEqualTo(Variant.AOT25_TRAINED.archive(options, Fixture.ECHO))
                .isEqualTo(options.work().resolve("aot/echo-function.aot"));
        assertThat(Variant.TRAINING.archiveOptions(options, Fixture.ECHO))
                .containsExactly("-XX:AOTCacheOutput=" + options.work().resolve("aot/echo-function.aot"));
    }

    @Test
    void aMissingJdkIsReportedInsteadOfRun() {
        assertThat(Variant.JVM25.problem(options, Fixture.ECHO)).isEqualTo("no JDK at /opt/jdk-25/bin/java (set --jdk25)");
    }

    @Test
    void servicesAreNamedByFixtureAndVariant() {
        assertThat(Fixture.ECHO_DB.service(Variant.AOT25_TRAINED)).isEqualTo("echo-db-aot25-trained");
    }
}
