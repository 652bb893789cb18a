package dev.cascade.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.cascade.contracts.Services;
import dev.cascade.deploy.k8s.ManifestDocuments.Document;

class DeploymentInvariantsTest {

    private static final List<Document> REPOSITORY = ManifestDocuments.repository();

    @Test
    void everyManifestOfTheRepositoryHoldsTheInvariants() {
        assertThat(DeploymentInvariants.violations(REPOSITORY)).isEmpty();
    }

    @Test
    void theRulesSawTheServicesAndTriggersOfTheRepository() {
        // So that an empty or misread folder cannot pass the check above.
        assertThat(ManifestDocuments.knativeServices(REPOSITORY)).extracting(s -> s.getMetadata().getName())
                .containsExactlyInAnyOrder(Services.ORDER_SERVICE, Services.INVENTORY_SERVICE, Services.PAYMENT_SERVICE,
                        Services.SHIPPING_SERVICE, Services.NOTIFICATION_SERVICE, Services.DEAD_LETTER_SERVICE,
                        Services.ANOMALY_DETECTOR, Services.TELEMETRY_SERVICE);
        assertThat(ManifestDocuments.triggers(REPOSITORY)).hasSize(22);
    }

    @Test
    void aBetaKnativeApiIsRefused() {
        Document trigger = mutated("100-order-place.yaml", node -> node.put("apiVersion", "eventing.knative.dev/v1beta1"));
        assertThat(DeploymentInvariants.violations(List.of(trigger)))
                .containsExactly("100-order-place.yaml#0 Trigger/order-place: apiVersion eventing.knative.dev/v1beta1"
                        + " is not v1; use eventing.knative.dev/v1");
    }

    @Test
    void aServiceThatDoesNotScaleToZeroIsRefused() {
        assertThat(violations("310-inventory-service.yaml",
                node -> annotations(node).put(DeploymentInvariants.MIN_SCALE, "1")))
                .containsExactly("autoscaling.knative.dev/min-scale is 1, expected 0 (scale to zero)");
    }

    @Test
    void orderServiceKeepsItsDocumentedMinimumOfOne() {
        assertThat(violations("300-order-service.yaml",
                node -> annotations(node).put(DeploymentInvariants.MIN_SCALE, "0")))
                .containsExactly("autoscaling.knative.dev/min-scale is 0, expected 1 (its documented exception)");
    }

    @Test
    void missingScaleBoundsAndTargetAreRefused() {
        assertThat(violations("320-payment-service.yaml", node -> {
            annotations(node).remove(DeploymentInvariants.MAX_SCALE);
            annotations(node).remove(DeploymentInvariants.TARGET);
        })).containsExactlyInAnyOrder(
                "spec.template.metadata.annotations.autoscaling.knative.dev/max-scale missing",
                "spec.template.metadata.annotations.autoscaling.knative.dev/target missing");
    }

    @Test
    void missingRequestsAndLimitsAreRefused() {
        assertThat(violations("330-shipping-service.yaml", node -> container(node).remove("resources")))
                .containsExactlyInAnyOrder("resources.requests.cpu missing", "resources.requests.memory missing",
                        "resources.limits.memory missing");
    }

    @Test
    void probesOnOtherPathsOrMissingAreRefused() {
        assertThat(violations("340-notification-service.yaml", node -> {
            ((ObjectNode) container(node).path("readinessProbe").path("httpGet")).put("path", "/health");
            container(node).remove("livenessProbe");
        })).containsExactlyInAnyOrder("readinessProbe path /health is not /q/health/ready",
                "livenessProbe missing or not an httpGet probe");
    }

    @Test
    void aLooseSecurityContextIsRefused() {
        assertThat(violations("350-dead-letter-service.yaml", node -> {
            ObjectNode context = (ObjectNode) container(node).path("securityContext");
            context.put("runAsNonRoot", false);
            context.put("readOnlyRootFilesystem", false);
            context.put("allowPrivilegeEscalation", true);
            ((ArrayNode) context.path("capabilities").path("drop")).removeAll().add("NET_RAW");
            ((ObjectNode) context.path("seccompProfile")).put("type", "Unconfined");
        })).containsExactlyInAnyOrder("securityContext.runAsNonRoot is not true",
                "securityContext.readOnlyRootFilesystem is not true",
                "securityContext.allowPrivilegeEscalation is not false",
                "securityContext.capabilities.drop does not hold ALL",
                "securityContext.seccompProfile.type is Unconfined, not RuntimeDefault");
    }

    @Test
    void aReadOnlyRootWithoutAWritableTmpIsRefused() {
        assertThat(violations("310-inventory-service.yaml", node -> container(node).remove("volumeMounts")))
                .containsExactly("no volumeMount at /tmp (the root filesystem is read-only)");
        assertThat(violations("310-inventory-service.yaml", node -> ((ObjectNode) node.path("spec").path("template")
                .path("spec").path("volumes").path(0)).remove("emptyDir")))
                .containsExactly("the /tmp mount tmp is not an emptyDir volume");
    }

    @Test
    void anImageOtherThanTheServicesOwnIsRefused() {
        assertThat(violations("320-payment-service.yaml",
                node -> container(node).put("image", "dev.local/cascade/order-service:0.1.0-SNAPSHOT")))
                .containsExactly("image dev.local/cascade/order-service:0.1.0-SNAPSHOT is not"
                        + " dev.local/cascade/payment-service:0.1.0-SNAPSHOT");
    }

    @Test
    void aTriggerWithoutItsOwnDeadLetterSinkIsRefused() {
        Document trigger = mutated("600-notify-order-confirmed.yaml",
                node -> ((ObjectNode) node.path("spec").path("delivery")).remove("deadLetterSink"));
        assertThat(DeploymentInvariants.violations(List.of(trigger))).containsExactly(
                "600-notify-order-confirmed.yaml#0 Trigger/notify-order-confirmed: spec.delivery.deadLetterSink"
                        + " missing: every Trigger names its own dead-letter sink");
    }

    /** The violations of one mutated Knative Service, without the file prefix. */
    private static List<String> violations(String file, Consumer<ObjectNode> change) {
        Document document = mutated(file, change);
        String prefix = document.where() + ": ";
        return DeploymentInvariants.violations(List.of(document)).stream()
                .peek(message -> assertThat(message).startsWith(prefix))
                .map(message -> message.substring(prefix.length())).toList();
    }

    /** A deep copy of the first document of the named file, changed; the repository's documents stay as read. */
    private static Document mutated(String file, Consumer<ObjectNode> change) {
        Document original = REPOSITORY.stream().filter(d -> d.file().getFileName().equals(Path.of(file)))
                .findFirst().orElseThrow(() -> new AssertionError("no document in " + file));
        ObjectNode copy = (ObjectNode) original.node().deepCopy();
        change.accept(copy);
        return new Document(original.file(), original.index(), copy);
    }

    private static ObjectNode annotations(ObjectNode service) {
        return (ObjectNode) service.path("spec").path("template").path("metadata").path("annotations");
    }

    private static ObjectNode container(ObjectNode service) {
        return (ObjectNode) service.path("spec").path("template").path("spec").path("containers").path(0);
    }
}
