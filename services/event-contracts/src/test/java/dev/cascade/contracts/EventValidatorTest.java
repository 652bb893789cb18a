package dev.cascade.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

class EventValidatorTest {

    private static final String UNKNOWN_TYPE = "com.example.not-in-the-catalog.v1";

    private static EventValidator validator;
    private static ExecutorService pool;

    @BeforeAll
    static void createValidator() {
        validator = EventValidator.create();
        pool = Executors.newFixedThreadPool(4);
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    private static ObjectNode orderPlaced() {
        return (ObjectNode) EventExamples.canonicalData(EventTypes.ORDER_PLACED_V1);
    }

    private static ObjectNode firstItem(ObjectNode order) {
        return (ObjectNode) order.withArray("items").get(0);
    }

    @Test
    void acceptsTheCanonicalExample() {
        ValidationResult result = validator.validate(EventTypes.ORDER_PLACED_V1, orderPlaced());

        assertThat(result.valid()).isTrue();
        assertThat(result.type()).isEqualTo(EventTypes.ORDER_PLACED_V1);
        assertThat(result.violations()).isEmpty();
    }

    @Test
    void toleratesPropertiesItDoesNotKnow() {
        ObjectNode data = orderPlaced();
        data.put("giftWrap", true);
        firstItem(data).put("engraving", "For Grace");

        assertThat(validator.validate(EventTypes.ORDER_PLACED_V1, data).valid()).isTrue();
    }

    @Test
    void pointsAtAMissingRequiredProperty() {
        ObjectNode data = orderPlaced();
        data.remove("customerId");
        ((ObjectNode) data.get("shippingAddress")).remove("country");

        assertThat(validator.validate(EventTypes.ORDER_PLACED_V1, data).violations())
                .extracting(Violation::pointer)
                .containsExactly("/customerId", "/shippingAddress/country");
    }

    @Test
    void pointsAtAValueOfTheWrongType() {
        ObjectNode data = orderPlaced();
        firstItem(data).put("quantity", "two");

        assertThat(validator.validate(EventTypes.ORDER_PLACED_V1, data).violations())
                .singleElement()
                .satisfies(v -> {
                    assertThat(v.pointer()).isEqualTo("/items/0/quantity");
                    assertThat(v.message()).contains("integer");
                });
    }

    @Test
    void rejectsMoneyGivenAsAJsonNumber() {
        ObjectNode data = orderPlaced();
        data.put("total", 32.90);

        assertThat(validator.validate(EventTypes.ORDER_PLACED_V1, data).violations())
                .extracting(Violation::pointer)
                .containsExactly("/total");
    }

    @Test
    void rejectsMoneyWithMoreThanTwoFractionDigits() {
        ObjectNode data = orderPlaced();
        firstItem(data).put("unitPrice", "12.505");

        assertThat(validator.validate(EventTypes.ORDER_PLACED_V1, data).violations())
                .extracting(Violation::pointer)
                .containsExactly("/items/0/unitPrice");
    }

    @Test
    void rejectsATimestampThatIsNotAnRfc3339DateTime() {
        ObjectNode data = orderPlaced();
        data.put("placedAt", "2026-03-14 09:26");

        assertThat(validator.validate(EventTypes.ORDER_PLACED_V1, data).violations())
                .extracting(Violation::pointer)
                .containsExactly("/placedAt");
    }

    @Test
    void rejectsADateThatDoesNotExist() {
        ObjectNode data = (ObjectNode) EventExamples.canonicalData(EventTypes.SHIPMENT_SCHEDULED_V1);
        data.put("estimatedDelivery", "2026-02-30");

        assertThat(validator.validate(EventTypes.SHIPMENT_SCHEDULED_V1, data).violations())
                .extracting(Violation::pointer)
                .containsExactly("/estimatedDelivery");
    }

    @Test
    void rejectsANegativeQuantity() {
        ObjectNode data = orderPlaced();
        firstItem(data).put("quantity", -1);

        assertThat(validator.validate(EventTypes.ORDER_PLACED_V1, data).violations())
                .extracting(Violation::pointer)
                .containsExactly("/items/0/quantity");
    }

    @Test
    void rejectsAnIdentifierWithATrailingNewline() {
        ObjectNode data = orderPlaced();
        data.put("orderId", "order-1001\n");

        assertThat(validator.validate(EventTypes.ORDER_PLACED_V1, data).violations())
                .extracting(Violation::pointer)
                .containsExactly("/orderId");
    }

    @Test
    void reportsTextThatIsNotJsonAsAViolation() {
        ValidationResult result = validator.validate(EventTypes.ORDER_PLACED_V1, "{\"orderId\": ");

        assertThat(result.valid()).isFalse();
        assertThat(result.violations()).singleElement().satisfies(v -> {
            assertThat(v.pointer()).isEmpty();
            assertThat(v.message()).startsWith("is not valid JSON");
        });
    }

    @Test
    void reportsTrailingGarbageAfterTheJsonAsAViolation() {
        String json = orderPlaced().toString() + " trailing";

        assertThat(validator.validate(EventTypes.ORDER_PLACED_V1, json).violations())
                .singleElement()
                .satisfies(v -> assertThat(v.message()).startsWith("is not valid JSON"));
    }

    @Test
    void reportsDuplicatePropertiesAsAViolation() {
        String json = "{\"orderId\": \"order-1001\", \"orderId\": \"order-1002\"}";

        assertThat(validator.validate(EventTypes.SHIPMENT_FAILED_V1, json).violations())
                .singleElement()
                .satisfies(v -> assertThat(v.message()).startsWith("is not valid JSON"));
    }

    @Test
    void validatesJsonTextAndBytesLikeTrees() {
        ObjectNode data = orderPlaced();
        data.remove("total");
        String json = data.toString();

        List<Violation> fromTree = validator.validate(EventTypes.ORDER_PLACED_V1, data).violations();
        assertThat(validator.validate(EventTypes.ORDER_PLACED_V1, json).violations()).isEqualTo(fromTree);
        assertThat(validator.validate(EventTypes.ORDER_PLACED_V1, json.getBytes(StandardCharsets.UTF_8)).violations())
                .isEqualTo(fromTree)
                .extracting(Violation::pointer).containsExactly("/total");
    }

    @Test
    void reportsMissingDataAsAViolation() {
        assertThat(validator.validate(EventTypes.ORDER_PLACED_V1, (JsonNode) null).valid()).isFalse();
        assertThat(validator.validate(EventTypes.ORDER_PLACED_V1, "").valid()).isFalse();
        assertThat(validator.validate(EventTypes.ORDER_PLACED_V1, "null").violations())
                .extracting(Violation::pointer).containsExactly("");
    }

    @Test
    void reportsDataNestedTooDeeplyAsAViolationInsteadOfFailing() {
        ObjectNode data = orderPlaced();
        ObjectNode level = data;
        for (int i = 0; i < 600; i++) {
            level = level.putObject("nested");
        }

        for (ValidationResult result : List.of(
                validator.validate(EventTypes.ORDER_PLACED_V1, data),
                validator.validate(EventTypes.ORDER_PLACED_V1, data.toString()))) {
            assertThat(result.violations()).singleElement()
                    .satisfies(v -> assertThat(v.message()).contains("deeper than " + EventValidator.MAX_DEPTH));
        }
    }

    @Test
    void throwsOnAnUnknownType() {
        assertThat(validator.knows(UNKNOWN_TYPE)).isFalse();
        assertThat(validator.knows(EventTypes.ORDER_PLACED_V1)).isTrue();

        assertThatThrownBy(() -> validator.validate(UNKNOWN_TYPE, orderPlaced()))
                .isInstanceOf(UnknownEventTypeException.class)
                .isInstanceOf(EventContractException.class)
                .hasMessageContaining(UNKNOWN_TYPE);
        assertThatThrownBy(() -> validator.validate(UNKNOWN_TYPE, "{}"))
                .isInstanceOf(UnknownEventTypeException.class);
        assertThatThrownBy(() -> validator.validate(null, "{}"))
                .isInstanceOf(UnknownEventTypeException.class);
    }

    @Test
    void unknownTypeMessageDoesNotEchoUnboundedInput() {
        String hostile = "x".repeat(100_000) + "\r\nInjected: header";

        assertThatThrownBy(() -> validator.validate(hostile, "{}"))
                .isInstanceOf(UnknownEventTypeException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200).doesNotContain("\n"));
    }

    @Test
    void requireValidExplainsEveryViolationWithItsPointer() {
        ObjectNode data = orderPlaced();
        data.remove("orderId");
        data.put("total", 32.90);

        assertThatThrownBy(() -> validator.requireValid(EventTypes.ORDER_PLACED_V1, data))
                .isInstanceOf(InvalidEventDataException.class)
                .isInstanceOf(EventContractException.class)
                .hasMessageStartingWith("Invalid data for event type " + EventTypes.ORDER_PLACED_V1 + " (2 violations): ")
                .hasMessageContaining("/orderId: ")
                .hasMessageContaining("/total: ")
                .satisfies(e -> {
                    InvalidEventDataException invalid = (InvalidEventDataException) e;
                    assertThat(invalid.getType()).isEqualTo(EventTypes.ORDER_PLACED_V1);
                    assertThat(invalid.getViolations()).extracting(Violation::pointer)
                            .containsExactly("/orderId", "/total");
                });
    }

    @Test
    void requireValidAcceptsValidData() {
        validator.requireValid(EventTypes.ORDER_PLACED_V1, orderPlaced());
    }

    @Test
    void requireValidKeepsItsMessageShortForHugeBadInput() {
        ObjectNode data = orderPlaced();
        ArrayNode items = data.putArray("items");
        for (int i = 0; i < 500; i++) {
            items.addObject().put("sku", "bad sku " + "y".repeat(10_000)).put("quantity", 0).put("unitPrice", 1);
        }

        assertThatThrownBy(() -> validator.requireValid(EventTypes.ORDER_PLACED_V1, data))
                .isInstanceOf(InvalidEventDataException.class)
                .satisfies(e -> {
                    assertThat(e.getMessage()).hasSizeLessThan(4_000).contains(" more");
                    assertThat(((InvalidEventDataException) e).getViolations()).hasSizeGreaterThan(500);
                });
    }

    @Test
    void givesTheSameAnswersFromManyThreads() throws Exception {
        ObjectNode valid = orderPlaced();
        ObjectNode invalid = orderPlaced();
        invalid.remove("placedAt");
        List<Callable<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            boolean expectValid = i % 2 == 0;
            calls.add(() -> validator.validate(EventTypes.ORDER_PLACED_V1, expectValid ? valid : invalid).valid()
                    == expectValid);
        }

        for (Future<Boolean> answer : pool.invokeAll(calls)) {
            assertThat(answer.get()).isTrue();
        }
    }

    @Test
    void loadsItsSchemasOnAThreadWithoutAContextClassLoader() throws Exception {
        AtomicReference<EventValidator> created = new AtomicReference<>();
        Thread thread = new Thread(() -> created.set(EventValidator.create()));
        thread.setContextClassLoader(null);
        thread.start();
        thread.join();

        assertThat(created.get()).isNotNull();
        assertThat(created.get().validate(EventTypes.ORDER_PLACED_V1, orderPlaced()).valid()).isTrue();
    }
}
