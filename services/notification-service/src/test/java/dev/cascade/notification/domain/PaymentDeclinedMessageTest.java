package dev.cascade.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import dev.cascade.contracts.payment.PaymentDeclined;

class PaymentDeclinedMessageTest {

    @Test
    void declineNamesTheOrderTheAmountAndTheProvidersReason() {
        Message message = PaymentDeclinedMessage.of(new PaymentDeclined("order-1002", "pay-5521",
                new BigDecimal("12.50"), "Card declined by issuer: insufficient funds"));

        assertThat(message.subject()).isEqualTo("Payment for order order-1002 was declined");
        assertThat(message.body())
                .contains("your payment of 12.50 for order order-1002 was declined:"
                        + " Card declined by issuer: insufficient funds.")
                .contains("Nothing has been charged");
    }

    @Test
    void reasonIsCleanedOfControlCharacters() {
        Message message = PaymentDeclinedMessage.of(new PaymentDeclined("order-1002", "pay-5521",
                new BigDecimal("1"), "expired\n\ncard\t"));

        assertThat(message.body()).contains("was declined: expired card.");
    }
}
