package dev.cascade.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@link ExamplesTest} keeps old examples validating against today's schemas. These tests show that
 * guard can fail: made stricter in memory, a schema rejects the example it accepted before.
 */
class BreakingSchemaChangeTest {

    private static final String TYPE = EventTypes.ORDER_PLACED_V1;

    private static ObjectNode shippedSchema() {
        return (ObjectNode) ContractFiles.readJson(ContractFiles.schemaFile(TYPE));
    }

    private static JsonNode exampleData() {
        return ContractFiles.readJson(ContractFiles.canonicalExample(TYPE)).get("data");
    }

    @Test
    void theShippedSchemaAcceptsTheExample() {
        EventValidator validator = EventValidator.create(Map.of(TYPE, shippedSchema().toString()));

        assertThat(validator.validate(TYPE, exampleData()).valid()).isTrue();
    }

    @Test
    void aNewRequiredPropertyMakesTheExistingExampleFail() {
        ObjectNode stricter = shippedSchema();
        ((ObjectNode) stricter.get("properties")).putObject("currency").put("type", "string");
        stricter.withArray("required").add("currency");

        EventValidator validator = EventValidator.create(Map.of(TYPE, stricter.toString()));

        assertThat(validator.validate(TYPE, exampleData()).violations())
                .extracting(Violation::pointer)
                .containsExactly("/currency");
    }

    @Test
    void aNarrowerTypeMakesTheExistingExampleFail() {
        ObjectNode stricter = shippedSchema();
        ((ObjectNode) stricter.get("properties")).putObject("total").put("type", "number");

        EventValidator validator = EventValidator.create(Map.of(TYPE, stricter.toString()));

        assertThat(validator.validate(TYPE, exampleData()).violations())
                .extracting(Violation::pointer)
                .containsExactly("/total");
    }
}
