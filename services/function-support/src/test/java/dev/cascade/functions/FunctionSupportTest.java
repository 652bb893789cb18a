package dev.cascade.functions;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.cascade.contracts.EventSources;
import dev.cascade.contracts.EventTypes;
import dev.cascade.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class FunctionSupportTest {

    @Test
    void redeliveredEventRunsTheEffectOnceAndReplaysTheSameReply() {
        String eventId = UUID.randomUUID().toString();
        String orderId = "ord-" + eventId;

        String firstReplyId = binary(eventId, orderId).statusCode(200)
                .header("ce-type", EventTypes.INVENTORY_RESERVED_V1)
                .header("ce-source", EventSources.INVENTORY_SERVICE)
                .body("reservationId", equalTo("res-" + orderId))
                .extract().header("ce-id");
        String secondReplyId = structured(eventId, orderId).statusCode(200)
                .body("type", equalTo(EventTypes.INVENTORY_RESERVED_V1))
                .body("data.reservationId", equalTo("res-" + orderId))
                .extract().path("id");

        assertThat(secondReplyId).isEqualTo(firstReplyId);
        assertThat(ReserveProbe.EFFECTS.get(orderId)).hasValue(1);
    }

    @Test
    void sameIdFromAnotherSourceIsAnotherEvent() {
        String eventId = UUID.randomUUID().toString();
        String orderId = "ord-" + eventId;
        binary(eventId, orderId).statusCode(200);
        given().header("ce-specversion", "1.0").header("ce-id", eventId).header("ce-source", "/elsewhere")
                .header("ce-type", EventTypes.INVENTORY_RESERVE_V1).contentType("application/json")
                .body(reserve(orderId)).post("/").then().statusCode(200);
        assertThat(ReserveProbe.EFFECTS.get(orderId)).hasValue(2);
    }

    @Test
    void permanentFailureIsAnswered422AndNotRecorded() {
        String eventId = UUID.randomUUID().toString();
        binary(eventId, "perm-" + eventId).statusCode(422)
                .contentType("application/problem+json")
                .body("status", equalTo(422))
                .body("detail", containsString("cannot be reserved"));
    }

    @Test
    void dataBreakingTheSchemaIsAnswered400WithTheViolations() {
        given().header("ce-specversion", "1.0").header("ce-id", UUID.randomUUID().toString())
                .header("ce-source", "/test").header("ce-type", EventTypes.INVENTORY_RESERVE_V1)
                .contentType("application/json")
                .body("{\"orderId\":\"ord-1\",\"items\":[{\"sku\":\"SKU-1\",\"quantity\":0}]}")
                .post("/").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.pointer", hasItem(containsString("/items/0/quantity")));
    }

    @Test
    void dataThatIsNotJsonOrCannotBindIsAnswered400NotRetried500() {
        for (String data : new String[] {"{\"orderId\": \"ord-1\", \"items\": [", "{\"orderId\":\"ord-1\",\"items\":\"many\"}"}) {
            given().header("ce-specversion", "1.0").header("ce-id", UUID.randomUUID().toString())
                    .header("ce-source", "/test").header("ce-type", EventTypes.INVENTORY_RESERVE_V1)
                    .contentType("application/json").body(data)
                    .post("/").then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("detail", containsString("cannot be read"));
        }
    }

    @Test
    void overloadIsAnswered429WithRetryAfterSoTheBrokerRetriesLater() {
        String eventId = UUID.randomUUID().toString();
        binary(eventId, "busy-" + eventId).statusCode(429)
                .header("Retry-After", "2")
                .contentType("application/problem+json")
                .body("status", equalTo(429));
        // Refused before anything was recorded: the retry is a first delivery.
        String orderId = "ord-" + eventId;
        binary(eventId, orderId).statusCode(200);
        assertThat(ReserveProbe.EFFECTS.get(orderId)).hasValue(1);
    }

    @Test
    void transientFailureIsAnswered5xxAndTheRedeliveryRunsTheEffect() {
        String eventId = UUID.randomUUID().toString();
        binary(eventId, "boom-" + eventId).statusCode(500);
        // The failed attempt rolled back its record, so the event is still new.
        String orderId = "ord-" + eventId;
        binary(eventId, orderId).statusCode(200);
        assertThat(ReserveProbe.EFFECTS.get(orderId)).hasValue(1);
    }

    @Test
    void noReplyIsAnswered204AndStaysSoOnRedelivery() {
        String eventId = UUID.randomUUID().toString();
        String orderId = "quiet-" + eventId;
        binary(eventId, orderId).statusCode(204);
        binary(eventId, orderId).statusCode(204);
        assertThat(ReserveProbe.EFFECTS.get(orderId)).hasValue(1);
    }

    private static ValidatableResponse binary(String eventId, String orderId) {
        return given().header("ce-specversion", "1.0").header("ce-id", eventId)
                .header("ce-source", EventSources.ORDER_SERVICE).header("ce-type", EventTypes.INVENTORY_RESERVE_V1)
                .contentType("application/json").body(reserve(orderId)).post("/").then();
    }

    private static ValidatableResponse structured(String eventId, String orderId) {
        return given().contentType("application/cloudevents+json")
                .body("""
                        {"specversion":"1.0","id":"%s","source":"%s","type":"%s",
                         "datacontenttype":"application/json","data":%s}"""
                        .formatted(eventId, EventSources.ORDER_SERVICE, EventTypes.INVENTORY_RESERVE_V1,
                                reserve(orderId)))
                .post("/").then();
    }

    private static String reserve(String orderId) {
        return "{\"orderId\":\"%s\",\"items\":[{\"sku\":\"SKU-1\",\"quantity\":2}]}".formatted(orderId);
    }
}
