package dev.cascade.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cascade.contracts.ContractFiles.Example;
import dev.cascade.contracts.payment.PaymentAuthorized;
import dev.cascade.contracts.shipping.ShipmentScheduled;

/** Records and schemas agree: example data survives record and back unchanged, and still validates. */
class PayloadRoundTripTest {

    private static final ObjectMapper MAPPER = CascadeJson.newObjectMapper();
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
    void exampleDataSurvivesTheRecordUnchanged(Example example) throws JsonProcessingException {
        JsonNode data = example.event().get("data");
        Class<? extends Record> payloadType = EventCatalog.get(example.type()).payloadType();

        Record payload = MAPPER.treeToValue(data, payloadType);
        // Through text, as on the wire: valueToTree would make a LongNode where the example has an IntNode.
        JsonNode written = MAPPER.readTree(MAPPER.writeValueAsString(payload));

        assertThat(written).isEqualTo(data);
        assertThat(validator.validate(example.type(), written).violations()).isEmpty();
    }

    @Test
    void writesMoneyAsAStringThatKeepsItsScale() {
        JsonNode written = MAPPER.valueToTree(new PaymentAuthorized("order-1001", "pay-5520", new BigDecimal("32.90")));

        assertThat(written.get("amount").isTextual()).isTrue();
        assertThat(written.get("amount").asText()).isEqualTo("32.90");
    }

    @Test
    void writesTimesAndDatesAsIsoStringsAndLeavesOutAbsentFields() {
        JsonNode written = MAPPER.valueToTree(
                new ShipmentScheduled("order-1001", "shp-3391", "DHL", null, LocalDate.of(2026, 3, 18)));

        assertThat(written.get("estimatedDelivery").asText()).isEqualTo("2026-03-18");
        assertThat(written.has("trackingNumber")).isFalse();
        assertThat(MAPPER.valueToTree(Instant.parse("2026-03-14T09:26:51.120Z")).asText())
                .isEqualTo("2026-03-14T09:26:51.120Z");
    }
}
