package dev.cascade.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.cascade.contracts.ContractFiles.Example;

/**
 * Every example, canonical or kept under {@code examples/<type>/}, is a valid structured-mode CloudEvent
 * whose data matches today's schema. Old examples stay when a type evolves, so this is the guard
 * against incompatible schema changes.
 */
class ExamplesTest {

    private static EventValidator validator;

    @BeforeAll
    static void createValidator() {
        validator = EventValidator.create();
    }

    static Stream<Example> examples() {
        return ContractFiles.allExamples();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void exampleIsAStructuredCloudEventOfItsType(Example example) {
        JsonNode event = example.event();
        EventDefinition definition = EventCatalog.get(example.type());

        assertThat(event.path("specversion").asText()).isEqualTo("1.0");
        assertThat(event.path("id").asText()).isNotBlank();
        assertThat(event.path("type").asText()).isEqualTo(example.type());
        assertThat(event.path("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(event.path("dataschema").asText()).isEqualTo(DataSchemas.uriOf(example.type()));
        assertThat(OffsetDateTime.parse(event.path("time").asText(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)).isNotNull();
        assertThat(event.path("data").isObject()).isTrue();

        String source = event.path("source").asText();
        assertThat(URI.create(source).isAbsolute()).as("source is an absolute URI").isTrue();
        if (definition.isProducedBy(EventCatalog.EXTERNAL)) {
            // Outsiders have their own sources and must not pose as a Cascade service.
            assertThat(EventSources.isServiceSource(source) && !definition.serviceSources().contains(source))
                    .as("%s poses as a service that does not produce %s", source, example.type()).isFalse();
        } else {
            assertThat(source).isIn(definition.serviceSources());
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void exampleDataMatchesTheSchemaOfItsType(Example example) {
        ValidationResult result = validator.validate(example.type(), example.event().get("data"));

        assertThat(result.violations()).as(example.toString()).isEmpty();
    }

    @Test
    void exampleEventIdsAreUnique() {
        List<String> ids = examples().map(example -> example.event().path("id").asText()).toList();

        assertThat(ids).doesNotHaveDuplicates();
    }

    @Test
    void canonicalExampleIsAFreshCopyFromTheJar() {
        ObjectNode first = EventExamples.canonical(EventTypes.ORDER_PLACED_V1);
        first.put("type", "changed");

        assertThat(EventExamples.canonical(EventTypes.ORDER_PLACED_V1).path("type").asText())
                .isEqualTo(EventTypes.ORDER_PLACED_V1);
        assertThat(EventExamples.canonicalData(EventTypes.ORDER_PLACED_V1))
                .isEqualTo(ContractFiles.readJson(ContractFiles.canonicalExample(EventTypes.ORDER_PLACED_V1)).get("data"));
    }
}
