package dev.cascade.order.it;

import static dev.cascade.order.it.Flow.awaitCommand;
import static dev.cascade.order.it.Flow.awaitStatus;
import static dev.cascade.order.it.Flow.binary;
import static dev.cascade.order.it.Flow.newId;
import static dev.cascade.order.it.Flow.place;
import static dev.cascade.order.it.Flow.structured;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.cascade.contracts.EventSources;
import dev.cascade.contracts.EventTypes;
import dev.cascade.functions.ProcessedEvents;
import dev.cascade.order.outbox.OutboxRelay;
import dev.cascade.order.repository.OutboxEntry;
import dev.cascade.testing.PostgresTestResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RecordingBroker.class)
class OrderFlowTest {

    private static final String INVENTORY = EventSources.INVENTORY_SERVICE;
    private static final String PAYMENT = EventSources.PAYMENT_SERVICE;
    private static final String SHIPPING = EventSources.SHIPPING_SERVICE;

    @Inject
    OutboxRelay relay;

    // --- Placing through the REST API ---

    @Test
    void validOrderIsAcceptedWithItsLocationAndIsPending() {
        var accepted = given().contentType("application/json").body(Flow.orderJson("cust-rest"))
                .post("/orders").then().statusCode(202).extract();
        String orderId = accepted.path("orderId");
        assertThat(accepted.header("Location")).endsWith("/orders/" + orderId);

        given().get("/orders/" + orderId).then().statusCode(200)
                .body("orderId", equalTo(orderId))
                .body("customerId", equalTo("cust-rest"))
                .body("status", equalTo("PENDING"))
                .body("total", equalTo("32.90"))
                .body("items", hasSize(2))
                .body("cancellationReason", nullValue())
                .body("timeline[0].what", containsString("order placed"));
        given().contentType("application/json").body(Flow.orderJson("cust-rest")).post("/orders").then()
                .statusCode(202).header("Location", containsString("/orders/ord-"));

        JsonNode reserve = awaitCommand(EventTypes.INVENTORY_RESERVE_V1, orderId);
        assertThat(reserve.path("items")).hasSize(2);
        assertThat(Flow.received(EventTypes.ORDER_PLACED_V1, orderId)).singleElement().satisfies(placed -> {
            assertThat(placed.path("source").asText()).isEqualTo(EventSources.ORDER_SERVICE);
            assertThat(placed.path("specversion").asText()).isEqualTo("1.0");
            assertThat(placed.path("contentType").asText()).startsWith("application/json");
            assertThat(placed.path("data").path("total").asText()).isEqualTo("32.90");
            assertThat(placed.path("data").has("payment")).isFalse();
        });
    }

    @Test
    void invalidOrderIsAnswered422NamingEachField() {
        given().contentType("application/json")
                .body(Flow.orderJson("cust-bad", "DE", 0).replace("\"12.50\"", "12.5"))
                .post("/orders").then().statusCode(422)
                .contentType("application/problem+json")
                .body("status", equalTo(422))
                .body("violations.field", hasItem("items[0].quantity"))
                .body("violations.field", hasItem("items[0].unitPrice"));
        given().contentType("application/json").body("{\"customerId\":\"c-1\"}")
                .post("/orders").then().statusCode(422)
                .body("violations.field", hasItem("items"))
                .body("violations.field", hasItem("shippingAddress"));
    }

    @Test
    void malformedJsonIsAnswered400() {
        given().contentType("application/json").body("{\"customerId\": ").post("/orders").then()
                .statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
    }

    @Test
    void aRetriedPostWithTheSameIdempotencyKeyReturnsTheSameOrder() {
        String key = newId();
        String first = given().header("Idempotency-Key", key).contentType("application/json")
                .body(Flow.orderJson("cust-idem")).post("/orders").then().statusCode(202).extract().path("orderId");
        String second = given().header("Idempotency-Key", key).contentType("application/json")
                .body(Flow.orderJson("cust-idem")).post("/orders").then().statusCode(202).extract().path("orderId");

        assertThat(second).isEqualTo(first);
        given().get("/orders?customerId=cust-idem").then().body("", hasSize(1));
        given().header("Idempotency-Key", key).contentType("application/json")
                .body(Flow.orderJson("cust-idem", "DE", 5)).post("/orders").then().statusCode(422);
    }

    @Test
    void anUnknownOrderIsAnswered404() {
        given().get("/orders/nope-" + newId()).then().statusCode(404).contentType("application/problem+json");
    }

    // --- Placing through a CloudEvent ---

    @Test
    void thePlaceCommandDeliveredTwiceCreatesOneOrder() {
        String orderId = "order-" + newId();
        String data = placeData(orderId, "cust-ce");
        String eventId = newId();

        binary(EventTypes.ORDER_PLACE_V1, EventSources.STOREFRONT, eventId, data).statusCode(204);
        structured(EventTypes.ORDER_PLACE_V1, EventSources.STOREFRONT, eventId, data).statusCode(204);
        // Another event carrying the identical command is a resend too.
        binary(EventTypes.ORDER_PLACE_V1, EventSources.STOREFRONT, newId(), data).statusCode(204);

        assertThat(Flow.status(orderId)).isEqualTo("PENDING");
        awaitCommand(EventTypes.INVENTORY_RESERVE_V1, orderId);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> Flow.received(EventTypes.ORDER_PLACED_V1, orderId).size() == 1
                        && Flow.received(EventTypes.INVENTORY_RESERVE_V1, orderId).size() == 1);
    }

    @Test
    void anotherCommandForAnExistingOrderIdIsAnswered422() {
        String orderId = "order-" + newId();
        binary(EventTypes.ORDER_PLACE_V1, EventSources.STOREFRONT, newId(), placeData(orderId, "cust-a"))
                .statusCode(204);
        binary(EventTypes.ORDER_PLACE_V1, EventSources.STOREFRONT, newId(), placeData(orderId, "cust-b"))
                .statusCode(422).contentType("application/problem+json");
        given().get("/orders/" + orderId).then().body("customerId", equalTo("cust-a"));
    }

    @Test
    void aPlaceCommandBreakingTheSchemaIsAnswered400() {
        binary(EventTypes.ORDER_PLACE_V1, EventSources.STOREFRONT, newId(), "{\"orderId\":\"o-x\",\"items\":[]}")
                .statusCode(400).body("violations.pointer", hasItem("/items"));
    }

    // --- The saga, driven by replies as the participants send them ---

    @Test
    void happyPathConfirmsTheOrderWithTheParticipantsIds() {
        String orderId = place("cust-happy");
        awaitCommand(EventTypes.INVENTORY_RESERVE_V1, orderId);

        binary(EventTypes.INVENTORY_RESERVED_V1, INVENTORY, newId(), reserved(orderId)).statusCode(204);
        JsonNode authorize = awaitCommand(EventTypes.PAYMENT_AUTHORIZE_V1, orderId);
        assertThat(authorize.path("amount").asText()).isEqualTo("32.90");
        assertThat(authorize.path("token").asText()).isEqualTo("tok_4f9d2c7a1e");

        structured(EventTypes.PAYMENT_AUTHORIZED_V1, PAYMENT, newId(), authorized(orderId)).statusCode(204);
        JsonNode schedule = awaitCommand(EventTypes.SHIPMENT_SCHEDULE_V1, orderId);
        assertThat(schedule.path("shippingAddress").path("country").asText()).isEqualTo("DE");

        binary(EventTypes.SHIPMENT_SCHEDULED_V1, SHIPPING, newId(), """
                {"orderId":"%s","shipmentId":"shp-1","carrier":"DHL","trackingNumber":"TRK-12345"}"""
                .formatted(orderId)).statusCode(204);
        JsonNode confirmed = awaitCommand(EventTypes.ORDER_CONFIRMED_V1, orderId);

        assertThat(confirmed.path("paymentId").asText()).isEqualTo("pay-" + orderId);
        assertThat(confirmed.path("trackingNumber").asText()).isEqualTo("TRK-12345");
        given().get("/orders/" + orderId).then()
                .body("status", equalTo("CONFIRMED"))
                .body("paymentId", equalTo("pay-" + orderId))
                .body("shipmentId", equalTo("shp-1"))
                .body("trackingNumber", equalTo("TRK-12345"))
                .body("timeline.what", hasItem("order confirmed"));
        given().get("/orders?customerId=cust-happy").then()
                .body("orderId", hasItem(orderId));
        assertThat(Flow.typesFor(orderId)).doesNotContain(EventTypes.INVENTORY_RELEASE_V1,
                EventTypes.PAYMENT_REFUND_V1, EventTypes.ORDER_CANCELLED_V1);
    }

    @Test
    void outOfStockCancelsTheOrderWithoutAnyCompensation() {
        String orderId = place("cust-oos");
        awaitCommand(EventTypes.INVENTORY_RESERVE_V1, orderId);

        structured(EventTypes.INVENTORY_REJECTED_V1, INVENTORY, newId(), """
                {"orderId":"%s","reason":"MUG-BLUE: 0 available",
                 "shortages":[{"sku":"MUG-BLUE","requested":2,"available":0}]}""".formatted(orderId))
                .statusCode(204);

        JsonNode cancelled = awaitCommand(EventTypes.ORDER_CANCELLED_V1, orderId);
        assertThat(cancelled.path("reason").asText()).isEqualTo("OUT_OF_STOCK");
        given().get("/orders/" + orderId).then()
                .body("status", equalTo("CANCELLED"))
                .body("cancellationReason", equalTo("OUT_OF_STOCK"));
        assertThat(Flow.typesFor(orderId)).doesNotContain(EventTypes.INVENTORY_RELEASE_V1,
                EventTypes.PAYMENT_AUTHORIZE_V1);
    }

    @Test
    void declinedPaymentReleasesTheStockNeedsNoRefundAndCancels() {
        String orderId = place("cust-declined");
        awaitCommand(EventTypes.INVENTORY_RESERVE_V1, orderId);
        binary(EventTypes.INVENTORY_RESERVED_V1, INVENTORY, newId(), reserved(orderId)).statusCode(204);
        awaitCommand(EventTypes.PAYMENT_AUTHORIZE_V1, orderId);

        binary(EventTypes.PAYMENT_DECLINED_V1, PAYMENT, newId(), """
                {"orderId":"%s","paymentId":"pay-d","amount":"32.90","reason":"card declined"}"""
                .formatted(orderId)).statusCode(204);
        JsonNode release = awaitCommand(EventTypes.INVENTORY_RELEASE_V1, orderId);
        assertThat(release.path("reservationId").asText()).isEqualTo("res-" + orderId);
        assertThat(Flow.status(orderId)).isEqualTo("PENDING");

        structured(EventTypes.INVENTORY_RELEASED_V1, INVENTORY, newId(), released(orderId)).statusCode(204);

        awaitStatus(orderId, "CANCELLED");
        given().get("/orders/" + orderId).then()
                .body("cancellationReason", equalTo("PAYMENT_DECLINED"))
                .body("timeline.what", hasItem("reserve inventory: undone"));
        awaitCommand(EventTypes.ORDER_CANCELLED_V1, orderId);
        assertThat(Flow.typesFor(orderId)).doesNotContain(EventTypes.PAYMENT_REFUND_V1,
                EventTypes.SHIPMENT_SCHEDULE_V1);
    }

    @Test
    void shippingFailureRefundsThenReleasesAndCancels() {
        String orderId = driveToShipment("cust-shipfail");

        structured(EventTypes.SHIPMENT_FAILED_V1, SHIPPING, newId(), """
                {"orderId":"%s","reason":"no carrier serves XX"}""".formatted(orderId)).statusCode(204);
        JsonNode refund = awaitCommand(EventTypes.PAYMENT_REFUND_V1, orderId);
        assertThat(refund.path("paymentId").asText()).isEqualTo("pay-" + orderId);
        assertThat(refund.path("amount").asText()).isEqualTo("32.90");
        assertThat(Flow.received(EventTypes.INVENTORY_RELEASE_V1, orderId)).isEmpty();

        binary(EventTypes.PAYMENT_REFUNDED_V1, PAYMENT, newId(), """
                {"orderId":"%s","paymentId":"pay-%s","amount":"32.90"}""".formatted(orderId, orderId))
                .statusCode(204);
        awaitCommand(EventTypes.INVENTORY_RELEASE_V1, orderId);
        binary(EventTypes.INVENTORY_RELEASED_V1, INVENTORY, newId(), released(orderId)).statusCode(204);

        JsonNode cancelled = awaitCommand(EventTypes.ORDER_CANCELLED_V1, orderId);
        assertThat(cancelled.path("reason").asText()).isEqualTo("SHIPPING_FAILED");
        assertThat(cancelled.path("detail").asText()).isEqualTo("no carrier serves XX");
        given().get("/orders/" + orderId).then()
                .body("status", equalTo("CANCELLED"))
                .body("cancellationReason", equalTo("SHIPPING_FAILED"));
        assertThat(Flow.typesFor(orderId)).containsSubsequence(EventTypes.PAYMENT_REFUND_V1,
                EventTypes.INVENTORY_RELEASE_V1, EventTypes.ORDER_CANCELLED_V1);
    }

    @Test
    void aRedeliveredReplyChangesNothing() {
        String orderId = place("cust-redeliver");
        awaitCommand(EventTypes.INVENTORY_RESERVE_V1, orderId);
        String eventId = newId();

        binary(EventTypes.INVENTORY_RESERVED_V1, INVENTORY, eventId, reserved(orderId)).statusCode(204);
        structured(EventTypes.INVENTORY_RESERVED_V1, INVENTORY, eventId, reserved(orderId)).statusCode(204);
        // The same outcome again under another event id: the saga is past that step and ignores it.
        binary(EventTypes.INVENTORY_RESERVED_V1, INVENTORY, newId(), reserved(orderId)).statusCode(204);

        awaitCommand(EventTypes.PAYMENT_AUTHORIZE_V1, orderId);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> Flow.received(EventTypes.PAYMENT_AUTHORIZE_V1, orderId).size() == 1);
        given().get("/orders/" + orderId).then()
                .body("timeline.what", hasSize(2));
    }

    @Test
    void aReplyForAnUnknownOrderOrAStepNotWaitedForIsAcknowledgedAndIgnored() {
        binary(EventTypes.PAYMENT_AUTHORIZED_V1, PAYMENT, newId(), authorized("ghost-" + newId())).statusCode(204);

        String orderId = place("cust-early");
        awaitCommand(EventTypes.INVENTORY_RESERVE_V1, orderId);
        binary(EventTypes.SHIPMENT_CANCELLED_V1, SHIPPING, newId(), """
                {"orderId":"%s","shipmentId":"shp-9"}""".formatted(orderId)).statusCode(204);

        given().get("/orders/" + orderId).then().body("status", equalTo("PENDING")).body("timeline", hasSize(1));
    }

    @Test
    void aReplyBreakingItsSchemaIsAnswered400() {
        binary(EventTypes.INVENTORY_RESERVED_V1, INVENTORY, newId(), "{\"orderId\":\"o-1\"}")
                .statusCode(400).contentType("application/problem+json");
    }

    @Test
    void concurrentRepliesForOneOrderAreRetriedAndAdvanceItOnce() throws Exception {
        String orderId = place("cust-race");
        awaitCommand(EventTypes.INVENTORY_RESERVE_V1, orderId);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                answers.add(CompletableFuture.supplyAsync(() -> binary(EventTypes.INVENTORY_RESERVED_V1, INVENTORY,
                        newId(), reserved(orderId)).extract().statusCode(), pool));
            }
            for (CompletableFuture<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(204);
            }
        } finally {
            pool.shutdown();
        }

        awaitCommand(EventTypes.PAYMENT_AUTHORIZE_V1, orderId);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> Flow.received(EventTypes.PAYMENT_AUTHORIZE_V1, orderId).size() == 1);
        given().get("/orders/" + orderId).then().body("timeline", hasSize(2));
    }

    @Test
    void theRelayRetriesWhatTheBrokerRefused() {
        Flow.refuseNextPosts(2);
        String orderId = place("cust-refused");

        awaitCommand(EventTypes.INVENTORY_RESERVE_V1, orderId);
        awaitCommand(EventTypes.ORDER_PLACED_V1, orderId);
    }

    @Test
    void aPostTheBrokerKeepsOpenHoldsBackNoOtherEvent() {
        String slowCustomer = "cust-held-" + newId();
        Flow.holdNextPost(EventTypes.ORDER_PLACED_V1, slowCustomer);
        String held;
        try {
            held = place(slowCustomer);
            String next = place("cust-after-held");

            // The next order's events leave while the first one's order.placed is still open at the broker.
            awaitCommand(EventTypes.INVENTORY_RESERVE_V1, next);
            awaitCommand(EventTypes.ORDER_PLACED_V1, next);
            awaitCommand(EventTypes.INVENTORY_RESERVE_V1, held);
            assertThat(Flow.received(EventTypes.ORDER_PLACED_V1, held)).isEmpty();
        } finally {
            Flow.releaseHeldPost();
        }
        // Posted once: its lease kept the passes that ran meanwhile from claiming it again.
        awaitCommand(EventTypes.ORDER_PLACED_V1, held);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                .until(() -> Flow.received(EventTypes.ORDER_PLACED_V1, held).size() == 1);
    }

    @Test
    void aRowLeasedByAProcessThatDiedIsPostedWhenAReplicaTakesOver() {
        String orderId = newId();
        OutboxEntry row = new OutboxEntry();
        row.eventId = newId();
        row.type = EventTypes.ORDER_PLACED_V1;
        row.source = EventSources.ORDER_SERVICE;
        row.subject = orderId;
        row.data = "{\"orderId\":\"" + orderId + "\"}";
        row.createdAt = Instant.now();
        row.attempts = 1;
        // Claimed by a relay that died mid-post: leased for an hour.
        row.nextAttemptAt = row.createdAt.plus(Duration.ofHours(1));
        ProcessedEvents.await(() -> Panache.withTransaction(row::persist));

        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .until(() -> Flow.received(EventTypes.ORDER_PLACED_V1, orderId).isEmpty());
        // What a starting replica does first.
        ProcessedEvents.await(relay::takeOver);
        assertThat(awaitCommand(EventTypes.ORDER_PLACED_V1, orderId).path("orderId").asText()).isEqualTo(orderId);
    }

    // --- The views ---

    @Test
    void rebuildingTheViewsFromTheStoreGivesTheLiveViews() {
        String customer = "cust-rebuild-" + newId().substring(0, 8);
        String confirmed = driveToShipment(customer);
        binary(EventTypes.SHIPMENT_SCHEDULED_V1, SHIPPING, newId(), """
                {"orderId":"%s","shipmentId":"shp-r","carrier":"DHL"}""".formatted(confirmed)).statusCode(204);
        String outOfStock = place(customer);
        awaitCommand(EventTypes.INVENTORY_RESERVE_V1, outOfStock);
        binary(EventTypes.INVENTORY_REJECTED_V1, INVENTORY, newId(), """
                {"orderId":"%s","reason":"none left",
                 "shortages":[{"sku":"MUG-BLUE","requested":2,"available":0}]}""".formatted(outOfStock)).statusCode(204);
        String pending = place(customer);
        awaitStatus(confirmed, "CONFIRMED");
        awaitStatus(outOfStock, "CANCELLED");

        String live = given().get("/orders?customerId=" + customer).then().statusCode(200)
                .body("", hasSize(3)).body("[0].orderId", equalTo(pending)).extract().asString();
        List<String> liveEach = List.of(confirmed, outOfStock, pending).stream()
                .map(id -> given().get("/orders/" + id).then().extract().asString()).toList();

        given().post("/admin/projections/rebuild").then().statusCode(200)
                .body("orders", org.hamcrest.Matchers.greaterThanOrEqualTo(3));

        assertThat(given().get("/orders?customerId=" + customer).then().extract().asString()).isEqualTo(live);
        assertThat(List.of(confirmed, outOfStock, pending).stream()
                .map(id -> given().get("/orders/" + id).then().extract().asString()).toList())
                .isEqualTo(liveEach);
    }

    private static String driveToShipment(String customerId) {
        String orderId = place(customerId);
        awaitCommand(EventTypes.INVENTORY_RESERVE_V1, orderId);
        binary(EventTypes.INVENTORY_RESERVED_V1, INVENTORY, newId(), reserved(orderId)).statusCode(204);
        awaitCommand(EventTypes.PAYMENT_AUTHORIZE_V1, orderId);
        binary(EventTypes.PAYMENT_AUTHORIZED_V1, PAYMENT, newId(), authorized(orderId)).statusCode(204);
        awaitCommand(EventTypes.SHIPMENT_SCHEDULE_V1, orderId);
        return orderId;
    }

    private static String placeData(String orderId, String customerId) {
        return Flow.orderJson(customerId).replaceFirst("\\{", "{\"orderId\":\"" + orderId + "\",");
    }

    private static String reserved(String orderId) {
        return """
                {"orderId":"%s","reservationId":"res-%s","items":[{"sku":"MUG-BLUE","quantity":2}]}"""
                .formatted(orderId, orderId);
    }

    private static String released(String orderId) {
        return """
                {"orderId":"%s","reservationId":"res-%s","items":[{"sku":"MUG-BLUE","quantity":2}]}"""
                .formatted(orderId, orderId);
    }

    private static String authorized(String orderId) {
        return """
                {"orderId":"%s","paymentId":"pay-%s","amount":"32.90"}""".formatted(orderId, orderId);
    }
}
