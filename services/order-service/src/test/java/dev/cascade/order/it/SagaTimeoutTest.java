package dev.cascade.order.it;

import static dev.cascade.order.it.Flow.awaitCommand;
import static dev.cascade.order.it.Flow.awaitStatus;
import static dev.cascade.order.it.Flow.binary;
import static dev.cascade.order.it.Flow.newId;
import static dev.cascade.order.it.Flow.place;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.cascade.contracts.EventSources;
import dev.cascade.contracts.EventTypes;
import dev.cascade.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(SagaTimeoutTest.ShortSteps.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RecordingBroker.class)
class SagaTimeoutTest {

    /** Steps time out after a second, so the sweep compensates while the test watches. */
    public static class ShortSteps implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cascade.saga.step-timeout", "1s");
        }
    }

    @Test
    void anUnansweredReserveIsReleasedByOrderIdAndTheOrderCancelled() {
        String orderId = place("cust-timeout-reserve");
        awaitCommand(EventTypes.INVENTORY_RESERVE_V1, orderId);

        JsonNode release = awaitCommand(EventTypes.INVENTORY_RELEASE_V1, orderId);
        assertThat(release.has("reservationId")).isFalse();
        binary(EventTypes.INVENTORY_RELEASED_V1, EventSources.INVENTORY_SERVICE, newId(), """
                {"orderId":"%s","reservationId":"res-late","items":[{"sku":"MUG-BLUE","quantity":2}]}"""
                .formatted(orderId)).statusCode(204);

        awaitStatus(orderId, "CANCELLED");
        given().get("/orders/" + orderId).then()
                .body("cancellationReason", equalTo("STEP_TIMED_OUT"))
                .body("timeline.what", hasItem("reserve inventory: no answer in time, compensating"));
        assertThat(awaitCommand(EventTypes.ORDER_CANCELLED_V1, orderId).path("reason").asText())
                .isEqualTo("STEP_TIMED_OUT");
    }

    @Test
    void anUnansweredAuthorizeIsRefundedByOrderIdThenTheStockReleased() {
        String orderId = place("cust-timeout-pay");
        awaitCommand(EventTypes.INVENTORY_RESERVE_V1, orderId);
        binary(EventTypes.INVENTORY_RESERVED_V1, EventSources.INVENTORY_SERVICE, newId(), """
                {"orderId":"%s","reservationId":"res-1","items":[{"sku":"MUG-BLUE","quantity":2}]}"""
                .formatted(orderId)).statusCode(204);
        awaitCommand(EventTypes.PAYMENT_AUTHORIZE_V1, orderId);

        JsonNode refund = awaitCommand(EventTypes.PAYMENT_REFUND_V1, orderId);
        assertThat(refund.has("paymentId")).isFalse();
        // A late authorization changes nothing: the saga is compensating.
        binary(EventTypes.PAYMENT_AUTHORIZED_V1, EventSources.PAYMENT_SERVICE, newId(), """
                {"orderId":"%s","paymentId":"pay-late","amount":"32.90"}""".formatted(orderId)).statusCode(204);
        binary(EventTypes.PAYMENT_REFUNDED_V1, EventSources.PAYMENT_SERVICE, newId(), """
                {"orderId":"%s","paymentId":"pay-late","amount":"32.90"}""".formatted(orderId)).statusCode(204);
        JsonNode release = awaitCommand(EventTypes.INVENTORY_RELEASE_V1, orderId);
        assertThat(release.path("reservationId").asText()).isEqualTo("res-1");
        binary(EventTypes.INVENTORY_RELEASED_V1, EventSources.INVENTORY_SERVICE, newId(), """
                {"orderId":"%s","reservationId":"res-1","items":[{"sku":"MUG-BLUE","quantity":2}]}"""
                .formatted(orderId)).statusCode(204);

        awaitStatus(orderId, "CANCELLED");
        assertThat(Flow.received(EventTypes.SHIPMENT_SCHEDULE_V1, orderId)).isEmpty();
    }

    @Test
    void anUnansweredCompensationIsSentAgainUntilItIsConfirmed() {
        String orderId = place("cust-timeout-resend");
        awaitCommand(EventTypes.INVENTORY_RESERVE_V1, orderId);

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> Flow.received(EventTypes.INVENTORY_RELEASE_V1, orderId).size() >= 2);
        assertThat(Flow.status(orderId)).isEqualTo("PENDING");

        binary(EventTypes.INVENTORY_RELEASED_V1, EventSources.INVENTORY_SERVICE, newId(), """
                {"orderId":"%s","reservationId":"res-x","items":[{"sku":"MUG-BLUE","quantity":2}]}"""
                .formatted(orderId)).statusCode(204);
        awaitStatus(orderId, "CANCELLED");
    }
}
