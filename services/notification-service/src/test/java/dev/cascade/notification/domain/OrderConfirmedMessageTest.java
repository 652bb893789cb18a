package dev.cascade.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.cascade.contracts.order.OrderConfirmed;

class OrderConfirmedMessageTest {

    @Test
    void confirmationNamesTheOrderTheAmountAndTheTrackingNumber() {
        Message message = OrderConfirmedMessage.of(confirmed("JD0146000038283"));

        assertThat(message.subject()).isEqualTo("Your order order-1001 is confirmed");
        assertThat(message.body())
                .contains("order order-1001")
                .contains("32.90")
                .contains("tracking number JD0146000038283");
    }

    @Test
    void confirmationWithoutTrackingNumberPromisesOneLater() {
        Message message = OrderConfirmedMessage.of(confirmed(null));

        assertThat(message.body())
                .contains("as soon as the carrier assigns one")
                .doesNotContain("null");
    }

    @Test
    void amountKeepsItsScale() {
        OrderConfirmed confirmed = new OrderConfirmed("order-1", "cust-1", new BigDecimal("12.50"), "pay-1", "shp-1",
                null, Instant.parse("2026-03-14T09:26:52Z"));

        assertThat(OrderConfirmedMessage.of(confirmed).body()).contains("12.50");
    }

    private static OrderConfirmed confirmed(String tracking) {
        return new OrderConfirmed("order-1001", "cust-42", new BigDecimal("32.90"), "pay-5520", "shp-3391", tracking,
                Instant.parse("2026-03-14T09:26:52.750Z"));
    }
}
