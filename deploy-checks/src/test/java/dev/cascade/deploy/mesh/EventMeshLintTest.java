package dev.cascade.deploy.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import dev.cascade.contracts.EventCatalog;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.Services;
import dev.cascade.contracts.Topics;
import dev.cascade.deploy.k8s.ManifestDocuments;

import io.fabric8.knative.eventing.v1.Trigger;
import io.fabric8.knative.eventing.v1.TriggerBuilder;

class EventMeshLintTest {

    private static final List<ManifestDocuments.Document> REPOSITORY = ManifestDocuments.repository();
    private static final List<Trigger> TRIGGERS = ManifestDocuments.triggers(REPOSITORY);
    private static final Set<String> DEPLOYED = deployed();
    private static final Map<String, Set<String>> HANDLED = handled();

    /**
     * Breaches the lint finds in the repository today, each with the change that will close it; none at present.
     * The check below wants exactly these: a new breach fails it, and so does closing one without taking it off
     * this list.
     */
    private static final List<String> KNOWN_GAPS = List.of();

    @Test
    void theRepositorysTriggersCatalogAndFunctionsAgreeBarTheKnownGaps() {
        assertThat(EventMeshLint.findings(EventCatalog.all(), DEPLOYED, TRIGGERS, HANDLED))
                .containsExactlyInAnyOrderElementsOf(KNOWN_GAPS);
    }

    @Test
    void theLintSawTheDeployedServicesAndWhatTheyHandle() {
        assertThat(DEPLOYED).containsExactlyInAnyOrder(Services.ORDER_SERVICE, Services.INVENTORY_SERVICE,
                Services.PAYMENT_SERVICE, Services.SHIPPING_SERVICE, Services.NOTIFICATION_SERVICE,
                Services.DEAD_LETTER_SERVICE, Services.ANOMALY_DETECTOR, Services.TELEMETRY_SERVICE);
        assertThat(TRIGGERS).hasSize(22);
        assertThat(HANDLED.get(Services.INVENTORY_SERVICE))
                .containsExactlyInAnyOrder(EventTypes.INVENTORY_RESERVE_V1, EventTypes.INVENTORY_RELEASE_V1);
        assertThat(HANDLED.get(Services.ORDER_SERVICE)).hasSize(10).contains(EventTypes.ORDER_PLACE_V1);
    }

    @Test
    void anEmittedTypeWithoutATriggerIsFound() {
        List<Trigger> triggers = new ArrayList<>(TRIGGERS);
        triggers.removeIf(t -> t.getMetadata().getName().equals("saga-inventory-reserved"));
        assertThat(lint(triggers)).containsExactly(EventTypes.INVENTORY_RESERVED_V1
                + " is emitted by inventory-service but no Trigger filters on it (catalog consumers: order-service)");
    }

    @Test
    void aTypeOnlyTheOutsideWorldConsumesNeedsNoTrigger() {
        // order.placed goes to whoever follows orders outside Cascade; the repository has no Trigger for it.
        assertThat(TRIGGERS).noneMatch(t -> EventTypes.ORDER_PLACED_V1.equals(EventMeshLint.typeFilter(t)));
        assertThat(lint(TRIGGERS)).noneMatch(finding -> finding.contains(EventTypes.ORDER_PLACED_V1));
    }

    @Test
    void aTriggerOnATypeOutsideTheCatalogIsFound() {
        assertThat(lint(with(changed("order-place", t -> t.getSpec().getFilter().getAttributes()
                .put("type", "dev.example.order.place.v2")))))
                .contains("Trigger order-place filters on dev.example.order.place.v2, which is not in the event catalog");
    }

    @Test
    void aTriggerOnAKafkaTypeIsFound() {
        assertThat(lint(with(changed("order-place", t -> t.getSpec().getFilter().getAttributes()
                .put("type", EventTypes.TELEMETRY_READING_V1)))))
                .contains("Trigger order-place filters on " + EventTypes.TELEMETRY_READING_V1
                        + ", which travels on Kafka topic " + Topics.TELEMETRY_READINGS_RAW
                        + ", never through the broker");
    }

    @Test
    void aTriggerOnATypeNoDeployedServiceEmitsIsFound() {
        Set<String> withoutTheDetector = new TreeSet<>(DEPLOYED);
        withoutTheDetector.remove(Services.ANOMALY_DETECTOR);
        assertThat(EventMeshLint.findings(EventCatalog.all(), withoutTheDetector, TRIGGERS, HANDLED))
                .contains("Trigger notify-anomaly-detected filters on " + EventTypes.TELEMETRY_ANOMALY_DETECTED_V1
                        + ", which no deployed service emits and the outside world does not send"
                        + " (catalog producers: anomaly-detector)");
    }

    @Test
    void aTriggerWithoutATypeFilterIsFound() {
        assertThat(lint(with(changed("order-place", t -> t.getSpec().getFilter().getAttributes().remove("type")))))
                .contains("Trigger order-place has no type filter: it would deliver every event of the broker");
    }

    @Test
    void aSubscriberWithoutAFunctionForTheTypeIsFound() {
        assertThat(lint(with(changed("payment-authorize",
                t -> t.getSpec().getSubscriber().getRef().setName(Services.INVENTORY_SERVICE)))))
                .containsExactly("Trigger payment-authorize delivers " + EventTypes.PAYMENT_AUTHORIZE_V1
                        + " to inventory-service, which has no Funqy function mapped to it (it handles: "
                        + new TreeSet<>(HANDLED.get(Services.INVENTORY_SERVICE)) + ")");
    }

    @Test
    void aSubscriberThatIsNotADeployedServiceIsFound() {
        assertThat(lint(with(changed("payment-authorize",
                t -> t.getSpec().getSubscriber().getRef().setName("payment-gateway")))))
                .containsExactly("Trigger payment-authorize delivers to serving.knative.dev/v1 Service payment-gateway,"
                        + " which is not a deployed Knative Service");
    }

    /** The lint's findings with the known gaps left out, so that each case shows only what it broke. */
    private static List<String> lint(List<Trigger> triggers) {
        List<String> findings = new ArrayList<>(EventMeshLint.findings(EventCatalog.all(), DEPLOYED, triggers, HANDLED));
        findings.removeAll(KNOWN_GAPS);
        return findings;
    }

    /** The repository's Triggers with one replaced by its changed copy. */
    private static List<Trigger> with(Trigger changed) {
        List<Trigger> triggers = new ArrayList<>(TRIGGERS);
        triggers.replaceAll(t -> t.getMetadata().getName().equals(changed.getMetadata().getName()) ? changed : t);
        return triggers;
    }

    private static Trigger changed(String name, Consumer<Trigger> change) {
        Trigger original = TRIGGERS.stream().filter(t -> t.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no Trigger " + name));
        Trigger copy = new TriggerBuilder(original).build();
        copy.getSpec().getFilter().setAttributes(new LinkedHashMap<>(original.getSpec().getFilter().getAttributes()));
        change.accept(copy);
        return copy;
    }

    private static Set<String> deployed() {
        Set<String> names = new TreeSet<>();
        ManifestDocuments.knativeServices(REPOSITORY).forEach(s -> names.add(s.getMetadata().getName()));
        return names;
    }

    private static Map<String, Set<String>> handled() {
        Map<String, Set<String>> handled = new LinkedHashMap<>();
        for (String service : deployed()) {
            handled.put(service, FunqyMappings.handledBy(service));
        }
        return handled;
    }
}
