package dev.cascade.order.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.cascade.contracts.order.CancellationReason;
import dev.cascade.order.domain.Order;
import dev.cascade.order.domain.OrderEvent;
import dev.cascade.order.domain.OrderStatus;
import dev.cascade.order.domain.Orders;

class OrderSummaryProjectorTest {

    private static final Instant T0 = Instant.parse("2026-03-14T09:26:50Z");
    private final OrderSummaryProjector projector = new OrderSummaryProjector();

    private OrderSummary fold(List<OrderEvent> events) {
        OrderSummary summary = null;
        for (OrderEvent event : events) {
            summary = projector.apply(summary, event);
        }
        return summary;
    }

    @Test
    void aPlacedOrderIsPendingWithItsLinesAndTotal() {
        Order order = Order.replay("o-1", List.of());
        order.place(Orders.command("o-1"), T0);

        OrderSummary summary = fold(order.uncommitted());

        assertThat(summary.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(summary.customerId()).isEqualTo("cust-42");
        assertThat(summary.total()).isEqualByComparingTo("32.90");
        assertThat(summary.items()).hasSize(2);
        assertThat(summary.placedAt()).isEqualTo(T0);
        assertThat(summary.timeline()).singleElement()
                .isEqualTo(new TimelineEntry(T0, "order placed: 2 lines, total 32.90"));
    }

    @Test
    void aConfirmedOrderCarriesTheParticipantsIdsAndTheWholeTimeline() {
        Order order = Order.replay("o-1", List.of());
        order.place(Orders.command("o-1"), T0);
        order.recordStepSucceeded("reserve inventory", Map.of("reservationId", "res-1"), T0.plusSeconds(1));
        order.recordStepSucceeded("authorize payment", Map.of("paymentId", "pay-1"), T0.plusSeconds(2));
        order.recordStepSucceeded("schedule shipment", Map.of("shipmentId", "shp-1", "trackingNumber", "TRK-1"),
                T0.plusSeconds(3));
        order.confirm(T0.plusSeconds(4));

        OrderSummary summary = fold(order.uncommitted());

        assertThat(summary.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(summary.paymentId()).isEqualTo("pay-1");
        assertThat(summary.shipmentId()).isEqualTo("shp-1");
        assertThat(summary.trackingNumber()).isEqualTo("TRK-1");
        assertThat(summary.cancellationReason()).isNull();
        assertThat(summary.timeline()).extracting(TimelineEntry::what).containsExactly(
                "order placed: 2 lines, total 32.90",
                "reserve inventory: done (reservationId res-1)",
                "authorize payment: done (paymentId pay-1)",
                "schedule shipment: done (shipmentId shp-1, trackingNumber TRK-1)",
                "order confirmed");
        assertThat(summary.timeline()).extracting(TimelineEntry::at).isSorted();
    }

    @Test
    void aCancelledOrderCarriesItsReasonAndWhatWasUndone() {
        Order order = Order.replay("o-1", List.of());
        order.place(Orders.command("o-1"), T0);
        order.recordStepSucceeded("reserve inventory", Map.of("reservationId", "res-1"), T0);
        order.recordStepFailed("authorize payment", CancellationReason.PAYMENT_DECLINED, "card declined", T0);
        order.recordStepCompensated("reserve inventory", T0);
        order.cancel(CancellationReason.PAYMENT_DECLINED, "card declined", T0);

        OrderSummary summary = fold(order.uncommitted());

        assertThat(summary.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(summary.cancellationReason()).isEqualTo(CancellationReason.PAYMENT_DECLINED);
        assertThat(summary.cancellationDetail()).isEqualTo("card declined");
        assertThat(summary.timeline()).extracting(TimelineEntry::what).contains(
                "authorize payment: refused, PAYMENT_DECLINED (card declined)",
                "reserve inventory: undone",
                "order cancelled: PAYMENT_DECLINED");
    }

    @Test
    void projectingTwiceFromTheSameEventsGivesEqualViews() {
        Order order = Order.replay("o-1", List.of());
        order.place(Orders.command("o-1"), T0);
        order.recordStepTimedOut("reserve inventory", T0.plusSeconds(30));
        order.recordStepCompensated("reserve inventory", T0.plusSeconds(31));
        order.cancel(CancellationReason.STEP_TIMED_OUT, null, T0.plusSeconds(31));

        assertThat(fold(order.uncommitted())).isEqualTo(fold(order.uncommitted()));
    }

    @Test
    void anEventOfAnOrderNeverPlacedIsRefused() {
        assertThatThrownBy(() -> projector.apply(null, new OrderEvent.Confirmed(T0)))
                .isInstanceOf(IllegalStateException.class);
    }
}
