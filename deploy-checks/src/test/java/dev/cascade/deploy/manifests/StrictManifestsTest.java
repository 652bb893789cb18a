package dev.cascade.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cascade.deploy.manifests.StrictManifests.InvalidManifestException;
import io.fabric8.knative.eventing.v1.Trigger;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrictManifestsTest {

    static final Path K8S = Path.of("../k8s");
    static final Path TRIGGERS = Path.of("../knative-triggers");

    private static final String KNATIVE_SERVICE = """
            apiVersion: serving.knative.dev/v1
            kind: Service
            metadata:
              name: order-service
            spec:
              template:
                spec:
                  containers:
                    - image: dev.local/cascade/order-service:0.1.0-SNAPSHOT
                      securityContext:
                        readOnlyRootFilesystem: true
            """;

    @Test
    void everyDocumentOfK8sParsesStrictly() {
        List<HasMetadata> resources = StrictManifests.parseDirectory(K8S);

        assertThat(resources).extracting(HasMetadata::getKind).contains("Namespace", "Broker", "ConfigMap", "Secret");
        assertThat(resources).filteredOn(Service.class::isInstance).hasSizeGreaterThanOrEqualTo(6);
    }

    @Test
    void everyTriggerParsesStrictly() {
        List<HasMetadata> resources = StrictManifests.parseDirectory(TRIGGERS);

        assertThat(resources).isNotEmpty().allMatch(Trigger.class::isInstance);
    }

    @Test
    void aWellFormedKnativeServiceParses() {
        assertThat(StrictManifests.parse(KNATIVE_SERVICE, "inline")).singleElement().isInstanceOf(Service.class);
    }

    @Test
    void aMisspelledTopLevelSpecFieldFails() {
        String misspelled = KNATIVE_SERVICE.replace("  template:", "  templat:");

        assertThatThrownBy(() -> StrictManifests.parse(misspelled, "inline"))
                .isInstanceOf(InvalidManifestException.class)
                .hasMessageContaining("spec.templat");
    }

    @Test
    void aMisspelledFieldDeepInsideAContainerFails() {
        String misspelled = KNATIVE_SERVICE.replace("readOnlyRootFilesystem", "readOnlyRootFilesytem");

        assertThatThrownBy(() -> StrictManifests.parse(misspelled, "inline"))
                .isInstanceOf(InvalidManifestException.class)
                .hasMessageContaining("readOnlyRootFilesytem");
    }

    @Test
    void aMisspelledTriggerDeliveryFieldFails() {
        String trigger = """
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata:
                  name: order-place
                spec:
                  broker: default
                  subscriber:
                    ref: {apiVersion: serving.knative.dev/v1, kind: Service, name: order-service}
                  delivery:
                    retries: 5
                """;

        assertThatThrownBy(() -> StrictManifests.parse(trigger, "inline"))
                .isInstanceOf(InvalidManifestException.class)
                .hasMessageContaining("spec.delivery.retries");
    }

    @Test
    void anUnmappedApiVersionFails() {
        String alpha = KNATIVE_SERVICE.replace("serving.knative.dev/v1", "serving.knative.dev/v1alpha1");

        assertThatThrownBy(() -> StrictManifests.parse(alpha, "inline"))
                .isInstanceOf(InvalidManifestException.class)
                .hasMessageContaining("no model for apiVersion serving.knative.dev/v1alpha1");
    }

    @Test
    void aDuplicateKeyFails() {
        String duplicated = KNATIVE_SERVICE.replace("  name: order-service\n", "  name: order-service\n  name: other\n");

        assertThatThrownBy(() -> StrictManifests.parse(duplicated, "inline"))
                .isInstanceOf(InvalidManifestException.class)
                .hasMessageContaining("name");
    }

    @Test
    void anAllowedCustomResourceParsesGenericallyButNeedsItsName() {
        String rule = """
                apiVersion: monitoring.coreos.com/v1
                kind: PrometheusRule
                metadata:
                  name: cascade-alerts
                spec:
                  groups: []
                """;

        assertThat(StrictManifests.parse(rule, "inline")).singleElement().isInstanceOf(GenericKubernetesResource.class);
        assertThatThrownBy(() -> StrictManifests.parse(rule.replace("  name: cascade-alerts\n", "  labels: {}\n"), "inline"))
                .isInstanceOf(InvalidManifestException.class)
                .hasMessageContaining("metadata.name");
        assertThatThrownBy(() -> StrictManifests.parse(rule.replace("  name: cascade-alerts", "  name: a\n  nmespace: x"), "inline"))
                .isInstanceOf(InvalidManifestException.class)
                .hasMessageContaining("metadata.nmespace");
    }

    @Test
    void emptyDocumentsAreSkipped() {
        assertThat(StrictManifests.parse("---\n# nothing\n---\n" + KNATIVE_SERVICE + "---\n", "inline")).hasSize(1);
    }
}
