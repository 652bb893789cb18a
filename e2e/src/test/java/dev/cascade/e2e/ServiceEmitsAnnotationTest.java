package dev.cascade.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.cascade.contracts.EventCatalog;
import dev.cascade.contracts.EventDefinition;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.Services;
import dev.cascade.contracts.Transport;

/**
 * The {@code cascade.dev/emits} annotation of every Knative Service in {@code k8s/} names exactly the broker event
 * types {@link EventCatalog} says the service produces, in catalog order: devmesh draws the event flow from it, so it
 * must not drift from the catalog. Types that travel on a Kafka topic never reach the broker and are not listed.
 */
class ServiceEmitsAnnotationTest {

    private static final String ANNOTATION = "cascade.dev/emits";
    private static final Path K8S = Path.of("..", "k8s");

    @Test
    void everyKnativeServiceDeclaresTheBrokerTypesTheCatalogSaysItProduces() throws IOException {
        Map<String, List<String>> declared = declaredEmits();

        assertThat(declared).as("Knative Services in %s", K8S.toAbsolutePath().normalize())
                .containsKeys(Services.ORDER_SERVICE, Services.INVENTORY_SERVICE, Services.PAYMENT_SERVICE,
                        Services.SHIPPING_SERVICE, Services.NOTIFICATION_SERVICE, Services.DEAD_LETTER_SERVICE,
                        Services.ANOMALY_DETECTOR);
        declared.forEach((service, types) -> {
            assertThat(Services.isService(service)).as("%s is a service of services/event-contracts", service).isTrue();
            assertThat(types).as("%s of Knative Service %s", ANNOTATION, service)
                    .containsExactlyElementsOf(brokerTypesProducedBy(service));
        });
    }

    @Test
    void theAnnotationOfOrderServiceListsTheSagaCommandsAndTheOrderEvents() throws IOException {
        // One concrete reading, so that a parser that lost items could not agree with a catalog that did too.
        assertThat(declaredEmits().get(Services.ORDER_SERVICE)).hasSize(9)
                .contains(EventTypes.ORDER_PLACED_V1, EventTypes.SHIPMENT_CANCEL_V1);
        assertThat(declaredEmits().get(Services.NOTIFICATION_SERVICE)).isEmpty();
    }

    private static List<String> brokerTypesProducedBy(String service) {
        return EventCatalog.producedBy(service).stream()
                .filter(definition -> definition.transport() == Transport.BROKER)
                .map(EventDefinition::type)
                .toList();
    }

    /** Every Knative Service of k8s/*.yaml by name, with its annotation split on commas; fails if one lacks it. */
    private static Map<String, List<String>> declaredEmits() throws IOException {
        Map<String, List<String>> emits = new LinkedHashMap<>();
        YAMLMapper yaml = new YAMLMapper();
        List<Path> files;
        try (Stream<Path> listing = Files.list(K8S)) {
            files = listing.filter(file -> file.toString().endsWith(".yaml") || file.toString().endsWith(".yml"))
                    .sorted().toList();
        }
        for (Path file : files) {
            try (MappingIterator<JsonNode> documents = yaml.readerFor(JsonNode.class).readValues(file.toFile())) {
                for (JsonNode document : documents.readAll()) {
                    if (!"serving.knative.dev/v1".equals(document.path("apiVersion").asText())
                            || !"Service".equals(document.path("kind").asText())) {
                        continue;
                    }
                    String name = document.path("metadata").path("name").asText();
                    JsonNode value = document.path("metadata").path("annotations").path(ANNOTATION);
                    assertThat(value.isTextual()).as("%s: Knative Service %s has the annotation %s", file, name,
                            ANNOTATION).isTrue();
                    emits.put(name, split(value.asText()));
                }
            }
        }
        return emits;
    }

    private static List<String> split(String value) {
        List<String> types = new ArrayList<>();
        Arrays.stream(value.split(",")).map(String::strip).filter(type -> !type.isEmpty()).forEach(types::add);
        return types;
    }
}
