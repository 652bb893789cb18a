package dev.cascade.order.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.cascade.contracts.common.LineItem;
import dev.cascade.contracts.order.CancellationReason;
import dev.cascade.contracts.order.PlaceOrder;

class OrderTest {

    private static final Instant T0 = Instant.parse("2026-03-14T09:26:50Z");

    @Test
    void placingRecordsOnePlacedEventWithTheTotalOfTheLines() {
        Order order = Order.replay("o-1", List.of());
        assertThat(order.exists()).isFalse();

        order.place(Orders.command("o-1"), T0);

        assertThat(order.uncommitted()).singleElement().isInstanceOf(OrderEvent.Placed.class);
        assertThat(order.total()).isEqualByComparingTo("32.90");
        assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(order.committedVersion()).isZero();
        assertThat(order.version()).isEqualTo(1);
    }

    @Test
    void stateIsRebuiltByApplyingEveryEventInOrder() {
        Order live = Order.replay("o-1", List.of());
        live.place(Orders.command("o-1"), T0);
        live.recordStepSucceeded("reserve inventory", Map.of("reservationId", "res-1"), T0.plusSeconds(1));
        live.recordStepSucceeded("authorize payment", Map.of("paymentId", "pay-1"), T0.plusSeconds(2));
        live.confirm(T0.plusSeconds(3));

        Order replayed = Order.replay("o-1", live.uncommitted());

        assertThat(replayed.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(replayed.ids()).containsEntry("reservationId", "res-1").containsEntry("paymentId", "pay-1");
        assertThat(replayed.version()).isEqualTo(4);
        assertThat(replayed.committedVersion()).isEqualTo(4);
        assertThat(replayed.uncommitted()).isEmpty();
    }

    @Test
    void placingAnExistingOrderIsRefused() {
        Order order = Order.replay("o-1", List.of());
        order.place(Orders.command("o-1"), T0);
        assertThatThrownBy(() -> order.place(Orders.command("o-1"), T0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theIdenticalCommandIsRecognisedEvenWithAnotherScaleOfPrice() {
        Order order = Order.replay("o-1", List.of());
        order.place(Orders.command("o-1"), T0);
        PlaceOrder same = Orders.command("o-1");
        PlaceOrder rescaled = new PlaceOrder("o-1", same.customerId(),
                List.of(new LineItem("MUG-BLUE", 2, new BigDecimal("12.5")), same.items().get(1)),
                same.payment(), same.shippingAddress());
        PlaceOrder other = new PlaceOrder("o-1", same.customerId(), List.of(same.items().get(0)), same.payment(),
                same.shippingAddress());

        assertThat(order.isPlacedBy(same)).isTrue();
        assertThat(order.isPlacedBy(rescaled)).isTrue();
        assertThat(order.isPlacedBy(other)).isFalse();
    }

    @Test
    void aFinishedOrderTakesNoMoreDecisions() {
        Order order = Order.replay("o-1", List.of());
        order.place(Orders.command("o-1"), T0);
        order.cancel(CancellationReason.OUT_OF_STOCK, "MUG-BLUE: 0 left", T0);

        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.cancellationReason()).isEqualTo(CancellationReason.OUT_OF_STOCK);
        assertThatThrownBy(() -> order.confirm(T0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> order.recordStepCompensated("reserve inventory", T0))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anOrderNeverPlacedTakesNoDecisions() {
        Order order = Order.replay("o-1", List.of());
        assertThatThrownBy(() -> order.confirm(T0)).isInstanceOf(IllegalStateException.class);
    }
}
