package dev.cascade.notification.function;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.cascade.contracts.EventSources;
import dev.cascade.contracts.EventTypes;
import dev.cascade.testing.PostgresTestResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class NotificationFunctionsTest {

    @Test
    void confirmedOrderIsNotifiedOnceThoughDeliveredInBothEncodings() {
        String orderId = newOrderId();
        String event = UUID.randomUUID().toString();
        String data = """
                {"orderId":"%s","customerId":"cust-42","total":"32.90","paymentId":"pay-5520",
                 "shipmentId":"shp-3391","trackingNumber":"JD0146000038283","confirmedAt":"2026-03-14T09:26:52.750Z"}"""
                .formatted(orderId);

        binary(EventTypes.ORDER_CONFIRMED_V1, EventSources.ORDER_SERVICE, event, data).statusCode(204);
        structured(EventTypes.ORDER_CONFIRMED_V1, EventSources.ORDER_SERVICE, event, data).statusCode(204);

        notifications(orderId)
                .body("", hasSize(1))
                .body("[0].kind", equalTo("ORDER_CONFIRMED"))
                .body("[0].orderId", equalTo(orderId))
                .body("[0].recipient", equalTo("cust-42@customers.cascade.dev"))
                .body("[0].subject", equalTo("Your order " + orderId + " is confirmed"))
                .body("[0].notificationId", notNullValue())
                .body("[0].createdAt", notNullValue());
    }

    @Test
    void cancelledOrderIsNotifiedOnceThoughDeliveredTwice() {
        String orderId = newOrderId();
        String event = UUID.randomUUID().toString();
        String data = """
                {"orderId":"%s","customerId":"cust-57","reason":"OUT_OF_STOCK","cancelledAt":"2026-03-14T09:31:08.650Z"}"""
                .formatted(orderId);

        structured(EventTypes.ORDER_CANCELLED_V1, EventSources.ORDER_SERVICE, event, data).statusCode(204);
        binary(EventTypes.ORDER_CANCELLED_V1, EventSources.ORDER_SERVICE, event, data).statusCode(204);
        binary(EventTypes.ORDER_CANCELLED_V1, EventSources.ORDER_SERVICE, event, data).statusCode(204);

        notifications(orderId)
                .body("", hasSize(1))
                .body("[0].kind", equalTo("ORDER_CANCELLED"))
                .body("[0].recipient", equalTo("cust-57@customers.cascade.dev"))
                .body("[0].subject", equalTo("Your order " + orderId + " has been cancelled"));
    }

    @Test
    void declinedPaymentIsNotifiedOnceToAnUnknownRecipient() {
        String orderId = newOrderId();
        String event = UUID.randomUUID().toString();
        String data = """
                {"orderId":"%s","paymentId":"pay-5521","amount":"12.50","reason":"Card declined by issuer"}"""
                .formatted(orderId);

        binary(EventTypes.PAYMENT_DECLINED_V1, EventSources.PAYMENT_SERVICE, event, data).statusCode(204);
        structured(EventTypes.PAYMENT_DECLINED_V1, EventSources.PAYMENT_SERVICE, event, data).statusCode(204);

        notifications(orderId)
                .body("", hasSize(1))
                .body("[0].kind", equalTo("PAYMENT_DECLINED"))
                .body("[0].recipient", equalTo("unknown"))
                .body("[0].subject", equalTo("Payment for order " + orderId + " was declined"));
    }

    @Test
    void notificationsOfAnOrderAreListedOldestFirst() {
        String orderId = newOrderId();
        binary(EventTypes.PAYMENT_DECLINED_V1, EventSources.PAYMENT_SERVICE, UUID.randomUUID().toString(), """
                {"orderId":"%s","paymentId":"pay-1","amount":"5.00","reason":"Card expired"}"""
                .formatted(orderId)).statusCode(204);
        binary(EventTypes.ORDER_CANCELLED_V1, EventSources.ORDER_SERVICE, UUID.randomUUID().toString(), """
                {"orderId":"%s","customerId":"cust-1","reason":"PAYMENT_DECLINED","detail":"Card expired",
                 "cancelledAt":"2026-03-14T09:31:08.650Z"}""".formatted(orderId)).statusCode(204);

        notifications(orderId).body("kind", contains("PAYMENT_DECLINED", "ORDER_CANCELLED"));
    }

    @Test
    void dataBreakingTheSchemaIsAnswered400AndNotifiesNobody() {
        String orderId = newOrderId();
        binary(EventTypes.ORDER_CONFIRMED_V1, EventSources.ORDER_SERVICE, UUID.randomUUID().toString(), """
                {"orderId":"%s","total":"32.90","paymentId":"pay-1","shipmentId":"shp-1",
                 "confirmedAt":"2026-03-14T09:26:52.750Z"}""".formatted(orderId))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.pointer", hasItem(containsString("/customerId")));

        notifications(orderId).body("", empty());
    }

    @Test
    void cancellationWithAnUnknownReasonIsAnswered400() {
        String orderId = newOrderId();
        structured(EventTypes.ORDER_CANCELLED_V1, EventSources.ORDER_SERVICE, UUID.randomUUID().toString(), """
                {"orderId":"%s","customerId":"cust-1","reason":"BORED","cancelledAt":"2026-03-14T09:31:08.650Z"}"""
                .formatted(orderId))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("BORED"));

        notifications(orderId).body("", empty());
    }

    @Test
    void dataThatIsNotJsonIsAnswered400() {
        binary(EventTypes.PAYMENT_DECLINED_V1, EventSources.PAYMENT_SERVICE, UUID.randomUUID().toString(),
                "declined, but this is not JSON")
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void failureToRecordIsAnswered5xxAndTheRedeliveryNotifiesOnce() throws Throwable {
        String orderId = newOrderId();
        String event = UUID.randomUUID().toString();
        String data = """
                {"orderId":"%s","paymentId":"pay-9","amount":"9.99","reason":"Card declined"}""".formatted(orderId);
        sql("alter table notification rename to notification_away");
        try {
            binary(EventTypes.PAYMENT_DECLINED_V1, EventSources.PAYMENT_SERVICE, event, data)
                    .statusCode(greaterThanOrEqualTo(500));
        } finally {
            sql("alter table notification_away rename to notification");
        }

        // The record of the event rolled back with the notification, so the broker's retry is a first delivery.
        binary(EventTypes.PAYMENT_DECLINED_V1, EventSources.PAYMENT_SERVICE, event, data).statusCode(204);
        binary(EventTypes.PAYMENT_DECLINED_V1, EventSources.PAYMENT_SERVICE, event, data).statusCode(204);
        notifications(orderId).body("", hasSize(1));
    }

    @Test
    void deadLetterAlertsTheOperatorsOnceThoughDeliveredInBothEncodings() {
        String deadLetterId = "dl-" + UUID.randomUUID();
        String event = UUID.randomUUID().toString();
        String data = """
                {"deadLetterId":"%s","eventId":"80e4a2c7-9fb3-4bfe-9286-cd916fde4c09",
                 "eventSource":"%s","eventType":"%s","errorCode":422,
                 "errorDest":"http://notification-service.cascade.svc.cluster.local",
                 "receivedAt":"2026-03-14T09:27:34.880Z"}"""
                .formatted(deadLetterId, EventSources.ORDER_SERVICE, EventTypes.ORDER_CONFIRMED_V1);

        binary(EventTypes.DEADLETTER_RECORDED_V1, EventSources.DEAD_LETTER_SERVICE, event, data).statusCode(204);
        structured(EventTypes.DEADLETTER_RECORDED_V1, EventSources.DEAD_LETTER_SERVICE, event, data).statusCode(204);
        binary(EventTypes.DEADLETTER_RECORDED_V1, EventSources.DEAD_LETTER_SERVICE, event, data).statusCode(204);

        String alert = "find { it.deadLetter?.deadLetterId == '%s' }".formatted(deadLetterId);
        alerts()
                .body("findAll { it.deadLetter?.deadLetterId == '%s' }".formatted(deadLetterId), hasSize(1))
                .body(alert + ".kind", equalTo("DEAD_LETTER"))
                .body(alert + ".orderId", nullValue())
                .body(alert + ".recipient", equalTo("operators@cascade.dev"))
                .body(alert + ".subject", equalTo("Dead letter " + deadLetterId + ": " + EventTypes.ORDER_CONFIRMED_V1
                        + " from " + EventSources.ORDER_SERVICE + " was not delivered"))
                .body(alert + ".deadLetter.eventId", equalTo("80e4a2c7-9fb3-4bfe-9286-cd916fde4c09"))
                .body(alert + ".deadLetter.eventSource", equalTo(EventSources.ORDER_SERVICE))
                .body(alert + ".deadLetter.eventType", equalTo(EventTypes.ORDER_CONFIRMED_V1))
                .body(alert + ".deadLetter.errorCode", equalTo(422))
                .body(alert + ".deadLetter.errorDest", equalTo("http://notification-service.cascade.svc.cluster.local"));
    }

    @Test
    void deadLetterWithoutAResponseIsAlertedWithoutErrorCodeAndDestination() {
        String deadLetterId = "dl-" + UUID.randomUUID();
        structured(EventTypes.DEADLETTER_RECORDED_V1, EventSources.DEAD_LETTER_SERVICE, UUID.randomUUID().toString(),
                """
                {"deadLetterId":"%s","eventId":"e-1","eventSource":"%s","eventType":"%s",
                 "receivedAt":"2026-03-14T09:27:34.880Z"}"""
                        .formatted(deadLetterId, EventSources.PAYMENT_SERVICE, EventTypes.PAYMENT_DECLINED_V1))
                .statusCode(204);

        String alert = "find { it.deadLetter?.deadLetterId == '%s' }".formatted(deadLetterId);
        alerts()
                .body(alert + ".deadLetter.eventType", equalTo(EventTypes.PAYMENT_DECLINED_V1))
                .body(alert + ".deadLetter.errorCode", nullValue())
                .body(alert + ".deadLetter.errorDest", nullValue());
    }

    @Test
    void alertsAreListedNewestFirstAndNeverWithTheOrders() {
        String older = "dl-" + UUID.randomUUID();
        String newer = "dl-" + UUID.randomUUID();
        for (String deadLetterId : new String[] {older, newer}) {
            binary(EventTypes.DEADLETTER_RECORDED_V1, EventSources.DEAD_LETTER_SERVICE, UUID.randomUUID().toString(),
                    """
                    {"deadLetterId":"%s","eventId":"e-2","eventSource":"%s","eventType":"%s","errorCode":503,
                     "receivedAt":"2026-03-14T09:27:34.880Z"}"""
                            .formatted(deadLetterId, EventSources.ORDER_SERVICE, EventTypes.ORDER_CANCELLED_V1))
                    .statusCode(204);
        }

        given().queryParam("kind", "DEAD_LETTER").queryParam("limit", 2).get("/notifications").then()
                .statusCode(200)
                .body("deadLetter.deadLetterId", contains(newer, older));
        // An order's notifications never include an alert, and listing by kind filters customer notifications too.
        String orderId = newOrderId();
        binary(EventTypes.PAYMENT_DECLINED_V1, EventSources.PAYMENT_SERVICE, UUID.randomUUID().toString(), """
                {"orderId":"%s","paymentId":"pay-2","amount":"5.00","reason":"Card expired"}"""
                .formatted(orderId)).statusCode(204);
        given().queryParam("orderId", orderId).queryParam("kind", "DEAD_LETTER").get("/notifications").then()
                .statusCode(200).body("", empty());
        given().queryParam("orderId", orderId).queryParam("kind", "payment_declined").get("/notifications").then()
                .statusCode(200).body("kind", contains("PAYMENT_DECLINED"));
        given().queryParam("kind", "DEAD_LETTER").get("/notifications").then()
                .statusCode(200).body("kind", everyItem(equalTo("DEAD_LETTER")));
    }

    @Test
    void deadLetterBreakingTheSchemaIsAnswered400AndAlertsNobody() {
        String deadLetterId = "dl-" + UUID.randomUUID();
        binary(EventTypes.DEADLETTER_RECORDED_V1, EventSources.DEAD_LETTER_SERVICE, UUID.randomUUID().toString(), """
                {"deadLetterId":"%s","eventId":"e-3","eventSource":"%s","errorCode":99,
                 "receivedAt":"2026-03-14T09:27:34.880Z"}""".formatted(deadLetterId, EventSources.ORDER_SERVICE))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.pointer", hasItem(containsString("/eventType")))
                .body("violations.pointer", hasItem(containsString("/errorCode")));

        alerts().body("deadLetter.deadLetterId", not(hasItem(deadLetterId)));
    }

    @Test
    void listingAnUnknownKindOrABadLimitIsAnswered400() {
        given().queryParam("kind", "SPAM").get("/notifications").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("DEAD_LETTER"));
        given().queryParam("kind", "DEAD_LETTER").queryParam("limit", 0).get("/notifications").then()
                .statusCode(400).contentType("application/problem+json").body("detail", containsString("limit"));
        given().queryParam("kind", "DEAD_LETTER").queryParam("limit", "many").get("/notifications").then()
                .statusCode(400).contentType("application/problem+json").body("detail", containsString("limit"));
    }

    @Test
    void listingWithoutAnOrderIdIsAnswered400() {
        given().get("/notifications").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("orderId"));
    }

    private static void sql(String statement) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(
                () -> Panache.getSession().chain(session -> session.createNativeQuery(statement).executeUpdate())));
    }

    private static String newOrderId() {
        return "order-" + UUID.randomUUID();
    }

    private static ValidatableResponse notifications(String orderId) {
        return given().queryParam("orderId", orderId).get("/notifications").then().statusCode(200);
    }

    private static ValidatableResponse alerts() {
        return given().queryParam("kind", "DEAD_LETTER").queryParam("limit", 1000).get("/notifications").then()
                .statusCode(200);
    }

    private static ValidatableResponse binary(String type, String source, String id, String data) {
        return given().header("ce-specversion", "1.0").header("ce-id", id).header("ce-source", source)
                .header("ce-type", type).contentType("application/json").body(data).post("/").then();
    }

    private static ValidatableResponse structured(String type, String source, String id, String data) {
        return given().contentType("application/cloudevents+json")
                .body("""
                        {"specversion":"1.0","id":"%s","source":"%s","type":"%s",
                         "datacontenttype":"application/json","data":%s}""".formatted(id, source, type, data))
                .post("/").then();
    }
}
