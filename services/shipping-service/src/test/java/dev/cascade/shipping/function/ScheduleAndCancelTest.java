package dev.cascade.shipping.function;

import static dev.cascade.testing.CloudEvents.Encoding.BINARY;
import static dev.cascade.testing.CloudEvents.Encoding.STRUCTURED;
import static dev.cascade.testing.CloudEvents.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.cascade.contracts.EventSources;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.common.Address;
import dev.cascade.contracts.common.StockLine;
import dev.cascade.contracts.shipping.CancelShipment;
import dev.cascade.contracts.shipping.ScheduleShipment;
import dev.cascade.contracts.shipping.ShipmentCancelled;
import dev.cascade.contracts.shipping.ShipmentFailed;
import dev.cascade.contracts.shipping.ShipmentScheduled;
import dev.cascade.shipping.function.Shipments.View;
import dev.cascade.testing.CloudEvents;
import dev.cascade.testing.CloudEvents.Answer;
import dev.cascade.testing.CloudEvents.Encoding;
import dev.cascade.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class ScheduleAndCancelTest {

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void aServedCountryIsScheduledWithCarrierTrackingAndEstimate(Encoding encoding) {
        String orderId = order();
        LocalDate before = LocalDate.now(ZoneOffset.UTC);

        Answer answer = post(encoding, EventTypes.SHIPMENT_SCHEDULE_V1, schedule(orderId, "DE"));

        LocalDate after = LocalDate.now(ZoneOffset.UTC);
        assertThat(answer.type()).isEqualTo(EventTypes.SHIPMENT_SCHEDULED_V1);
        assertThat(answer.source()).isEqualTo(EventSources.SHIPPING_SERVICE);
        ShipmentScheduled scheduled = as(answer, ShipmentScheduled.class);
        assertThat(scheduled.orderId()).isEqualTo(orderId);
        assertThat(scheduled.shipmentId()).startsWith("shp-");
        assertThat(scheduled.carrier()).isEqualTo("Cascade Parcel");
        assertThat(scheduled.trackingNumber()).startsWith("CP");
        assertThat(scheduled.estimatedDelivery()).isBetween(before.plusDays(3), after.plusDays(3));
        assertThat(Shipments.of(orderId)).containsExactly(new View(scheduled.shipmentId(), orderId, "Cascade Parcel",
                scheduled.trackingNumber(), "SCHEDULED"));
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void countryXxFailsAndBooksNothing(Encoding encoding) {
        String orderId = order();

        Answer answer = post(encoding, EventTypes.SHIPMENT_SCHEDULE_V1, schedule(orderId, "XX"));

        assertThat(answer.type()).isEqualTo(EventTypes.SHIPMENT_FAILED_V1);
        assertThat(answer.source()).isEqualTo(EventSources.SHIPPING_SERVICE);
        assertThat(as(answer, ShipmentFailed.class)).isEqualTo(new ShipmentFailed(orderId, "carrier does not serve XX"));
        assertThat(Shipments.of(orderId)).extracting(View::status, View::carrier).containsExactly(
                tuple("FAILED", null));
    }

    @Test
    void redeliveredScheduleBooksOnceAndAnswersTheSameEvent() {
        String orderId = order();
        String eventId = CloudEvents.newId();

        Answer first = post(BINARY, eventId, EventTypes.SHIPMENT_SCHEDULE_V1, schedule(orderId, "DE"));
        Answer again = post(STRUCTURED, eventId, EventTypes.SHIPMENT_SCHEDULE_V1, schedule(orderId, "DE"));

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.data()).isEqualTo(first.data());
        assertThat(Shipments.of(orderId)).hasSize(1);
    }

    @Test
    void secondScheduleForTheSameOrderAnswersTheRecordedBooking() {
        String orderId = order();

        Answer first = post(BINARY, EventTypes.SHIPMENT_SCHEDULE_V1, schedule(orderId, "DE"));
        Answer second = post(BINARY, EventTypes.SHIPMENT_SCHEDULE_V1, schedule(orderId, "FR"));

        assertThat(as(second, ShipmentScheduled.class)).isEqualTo(as(first, ShipmentScheduled.class));
        assertThat(Shipments.of(orderId)).hasSize(1);
    }

    @Test
    void secondScheduleAfterAFailureAnswersTheSameFailureEvenToAServedCountry() {
        String orderId = order();
        post(BINARY, EventTypes.SHIPMENT_SCHEDULE_V1, schedule(orderId, "XX"));

        Answer second = post(BINARY, EventTypes.SHIPMENT_SCHEDULE_V1, schedule(orderId, "DE"));

        assertThat(as(second, ShipmentFailed.class).reason()).isEqualTo("carrier does not serve XX");
        assertThat(Shipments.of(orderId)).extracting(View::status).containsExactly("FAILED");
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void cancelReleasesTheBooking(Encoding encoding) {
        String orderId = order();
        ShipmentScheduled scheduled = scheduled(orderId);

        Answer answer = post(encoding, EventTypes.SHIPMENT_CANCEL_V1, new CancelShipment(orderId, scheduled.shipmentId()));

        assertThat(answer.type()).isEqualTo(EventTypes.SHIPMENT_CANCELLED_V1);
        assertThat(answer.source()).isEqualTo(EventSources.SHIPPING_SERVICE);
        assertThat(as(answer, ShipmentCancelled.class)).isEqualTo(new ShipmentCancelled(orderId, scheduled.shipmentId()));
        assertThat(Shipments.of(orderId)).extracting(View::status).containsExactly("CANCELLED");
    }

    @Test
    void cancelByOrderAloneReleasesTheBooking() {
        String orderId = order();
        ShipmentScheduled scheduled = scheduled(orderId);

        Answer answer = post(STRUCTURED, EventTypes.SHIPMENT_CANCEL_V1, new CancelShipment(orderId, null));

        assertThat(as(answer, ShipmentCancelled.class)).isEqualTo(new ShipmentCancelled(orderId, scheduled.shipmentId()));
        assertThat(Shipments.of(orderId)).extracting(View::status).containsExactly("CANCELLED");
    }

    @Test
    void cancellingTwiceAnswersCancelledBothTimes() {
        String orderId = order();
        ShipmentScheduled scheduled = scheduled(orderId);

        post(BINARY, EventTypes.SHIPMENT_CANCEL_V1, new CancelShipment(orderId, null));
        Answer second = post(BINARY, EventTypes.SHIPMENT_CANCEL_V1, new CancelShipment(orderId, scheduled.shipmentId()));

        assertThat(as(second, ShipmentCancelled.class)).isEqualTo(new ShipmentCancelled(orderId, scheduled.shipmentId()));
        assertThat(Shipments.of(orderId)).extracting(View::status).containsExactly("CANCELLED");
    }

    @Test
    void redeliveredCancelAnswersTheSameEvent() {
        String orderId = order();
        scheduled(orderId);
        String eventId = CloudEvents.newId();

        Answer first = post(BINARY, eventId, EventTypes.SHIPMENT_CANCEL_V1, new CancelShipment(orderId, null));
        Answer again = post(STRUCTURED, eventId, EventTypes.SHIPMENT_CANCEL_V1, new CancelShipment(orderId, null));

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.data()).isEqualTo(first.data());
    }

    @Test
    void cancelOfAFailedShipmentReleasesNothingAndAnswersCancelled() {
        String orderId = order();
        post(BINARY, EventTypes.SHIPMENT_SCHEDULE_V1, schedule(orderId, "XX"));
        String failedId = Shipments.of(orderId).get(0).shipmentId();

        Answer answer = post(BINARY, EventTypes.SHIPMENT_CANCEL_V1, new CancelShipment(orderId, null));

        assertThat(as(answer, ShipmentCancelled.class)).isEqualTo(new ShipmentCancelled(orderId, failedId));
        assertThat(Shipments.of(orderId)).extracting(View::status).containsExactly("FAILED");
    }

    @Test
    void cancelBeforeAnyScheduleLeavesAMarkerAndTheLateScheduleFails() {
        String orderId = order();

        Answer cancelled = post(BINARY, EventTypes.SHIPMENT_CANCEL_V1, new CancelShipment(orderId, null));
        Answer late = post(BINARY, EventTypes.SHIPMENT_SCHEDULE_V1, schedule(orderId, "DE"));

        assertThat(cancelled.type()).isEqualTo(EventTypes.SHIPMENT_CANCELLED_V1);
        String markerId = cancelled.data().path("shipmentId").asText();
        assertThat(markerId).startsWith("shp-");
        assertThat(late.type()).isEqualTo(EventTypes.SHIPMENT_FAILED_V1);
        assertThat(as(late, ShipmentFailed.class)).isEqualTo(new ShipmentFailed(orderId, "order already cancelled"));
        assertThat(Shipments.of(orderId)).containsExactly(new View(markerId, orderId, null, null, "CANCELLED"));
    }

    @Test
    void cancelNamingAnotherOrdersShipmentIsUnprocessableAndCancelsNothing() {
        ShipmentScheduled other = scheduled(order());
        String orderId = order();
        scheduled(orderId);

        Answer answer = post(BINARY, EventTypes.SHIPMENT_CANCEL_V1, new CancelShipment(orderId, other.shipmentId()));

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.data().path("detail").asText()).contains(other.shipmentId(), orderId);
        assertThat(Shipments.of(orderId)).extracting(View::status).containsExactly("SCHEDULED");
        assertThat(Shipments.of(other.orderId())).extracting(View::status).containsExactly("SCHEDULED");
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void addressWithoutACountryIsRefusedWith400(Encoding encoding) {
        String orderId = order();

        Answer answer = post(encoding, EventTypes.SHIPMENT_SCHEDULE_V1, """
                {"orderId":"%s","shippingAddress":{"name":"Ada","line1":"12 Harbour Street","city":"Hamburg",
                 "postalCode":"20457"},"items":[{"sku":"MUG-BLUE","quantity":1}]}""".formatted(orderId));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.data().path("violations").findValuesAsText("pointer")).contains("/shippingAddress/country");
        assertThat(Shipments.of(orderId)).isEmpty();
    }

    private static ShipmentScheduled scheduled(String orderId) {
        return as(post(BINARY, EventTypes.SHIPMENT_SCHEDULE_V1, schedule(orderId, "DE")), ShipmentScheduled.class);
    }

    private static ScheduleShipment schedule(String orderId, String country) {
        return new ScheduleShipment(orderId,
                new Address("Ada Lovelace", "12 Harbour Street", "Hamburg", "20457", country),
                List.of(new StockLine("MUG-BLUE", 2)));
    }

    private static String order() {
        return "order-" + CloudEvents.newId();
    }

    private static <T> T as(Answer answer, Class<T> payload) {
        assertThat(answer.status()).as("status of %s", answer.data()).isEqualTo(200);
        try {
            return CloudEvents.JSON.treeToValue(answer.data(), payload);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(answer.data() + " is not a " + payload.getSimpleName(), e);
        }
    }
}
