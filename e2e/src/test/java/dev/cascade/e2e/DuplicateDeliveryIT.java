package dev.cascade.e2e;

import static dev.cascade.e2e.OrderFlowIT.customer;
import static dev.cascade.e2e.OrderFlowIT.kinds;
import static dev.cascade.e2e.OrderFlowIT.statuses;
import static dev.cascade.e2e.OrderFlowIT.uniqueSku;
import static dev.cascade.e2e.Orders.GOOD_CARD;
import static dev.cascade.e2e.Orders.UNSERVED_COUNTRY;
import static dev.cascade.e2e.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every event delivered twice (devmesh's {@code devmesh.delivery.duplicate}), as an at-least-once broker may: the
 * idempotent consumers turn each duplicate into nothing, so the outcomes equal those of single delivery.
 */
class DuplicateDeliveryIT {

    static LocalCascade cascade;
    static CascadeClient api;

    @BeforeAll
    static void start() {
        cascade = LocalCascade.start(LocalCascade.Options.of(OrderFlowIT.repository(),
                Path.of("target/e2e/duplicate-delivery")).withDuplicateDelivery());
        api = cascade.client();
    }

    @AfterAll
    static void stop() {
        if (cascade != null) {
            cascade.close();
        }
    }

    @Test
    void everyEventDeliveredTwiceStillReservesChargesShipsAndNotifiesOnce() {
        String sku = uniqueSku("TWICE");
        api.setStock(sku, 10);
        String orderId = api.placeAccepted(order(customer(), sku, 3, "5.00", GOOD_CARD, "DE"));

        JsonNode order = api.awaitSettled(orderId, OrderFlowIT.SETTLED);
        assertThat(order.path("status").asText()).isEqualTo("CONFIRMED");
        await().atMost(OrderFlowIT.SETTLED).untilAsserted(() -> assertThat(kinds(api.notifications(orderId))).hasSize(1));
        settle();

        assertThat(api.stock(sku).path("available").asInt()).isEqualTo(7);
        assertThat(api.stock(sku).path("reserved").asInt()).isEqualTo(3);
        assertThat(statuses(api.payments(orderId))).containsExactly("AUTHORIZED");
        assertThat(api.shipments(orderId)).hasSize(1);
        assertThat(kinds(api.notifications(orderId))).hasSize(1);
        assertThat(duplicatedDeliveries()).as("deliveries that reached their subscriber twice").isPositive();
    }

    @Test
    void compensationsDeliveredTwiceRefundAndReleaseOnce() {
        String sku = uniqueSku("TWICE-COMP");
        api.setStock(sku, 6);
        String orderId = api.placeAccepted(order(customer(), sku, 2, "8.00", GOOD_CARD, UNSERVED_COUNTRY));

        JsonNode order = api.awaitSettled(orderId, OrderFlowIT.SETTLED);
        assertThat(order.path("status").asText()).isEqualTo("CANCELLED");
        assertThat(order.path("cancellationReason").asText()).isEqualTo("SHIPPING_FAILED");
        settle();

        assertThat(api.stock(sku).path("available").asInt()).isEqualTo(6);
        assertThat(api.stock(sku).path("reserved").asInt()).isZero();
        assertThat(statuses(api.payments(orderId))).containsExactly("REFUNDED");
    }

    /** Lets the duplicates of the last events arrive, so that the assertions see their effect (or its absence). */
    private static void settle() {
        CascadeClient.pause(Duration.ofSeconds(2));
    }

    /** Delivery records (not filtered) whose event and trigger appear more than once. */
    private static long duplicatedDeliveries() {
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        for (JsonNode delivery : api.deliveries(1000)) {
            if ("delivered".equals(delivery.path("status").asText())) {
                seen.merge(delivery.path("eventId").asText() + "|" + delivery.path("trigger").asText(), 1, Integer::sum);
            }
        }
        return seen.values().stream().filter(count -> count >= 2).count();
    }
}
