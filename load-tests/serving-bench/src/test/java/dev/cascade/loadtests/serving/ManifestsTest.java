package dev.cascade.loadtests.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.cascade.loadtests.serving.Manifests.Deployment;

class ManifestsTest {

    @Test
    void eachServiceScalesToZeroAndGetsItsVariantsEventsByRef() throws IOException {
        Path dir = Manifests.write(List.of(new Deployment(Fixture.ECHO_DB, Variant.APPCDS)));
        try {
            assertThat(dir.resolve("100-broker.yaml")).content()
                    .contains("name: default", "namespace: bench", "broker.class: MTChannelBasedBroker");
            assertThat(dir.resolve("200-triggers.yaml")).content()
                    .contains("name: echo-db-appcds", "type: bench.echo-db", "benchvariant: appcds",
                            "kind: Service", "name: echo-db-appcds");
            assertThat(dir.resolve("300-services.yaml")).content()
                    .contains("apiVersion: serving.knative.dev/v1", "name: echo-db-appcds",
                            "autoscaling.knative.dev/min-scale: \"0\"", "autoscaling.knative.dev/max-scale: \"1\"");
        } finally {
            Manifests.delete(dir);
        }
        assertThat(Files.exists(dir)).isFalse();
    }
}
