package dev.cascade.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.cascade.contracts.order.CancellationReason;
import dev.cascade.contracts.order.OrderCancelled;

class OrderCancelledMessageTest {

    @Test
    void cancellationNamesTheOrderAndTheReason() {
        Message message = OrderCancelledMessage.of(cancelled(CancellationReason.OUT_OF_STOCK, null));

        assertThat(message.subject()).isEqualTo("Your order order-1003 has been cancelled");
        assertThat(message.body())
                .contains("your order order-1003 has been cancelled because some of the items are out of stock.")
                .doesNotContain("Details");
    }

    @ParameterizedTest
    @EnumSource(CancellationReason.class)
    void everyReasonIsExplainedInTheMail(CancellationReason reason) {
        Message message = OrderCancelledMessage.of(cancelled(reason, null));

        assertThat(message.body()).contains("because " + OrderCancelledMessage.explain(reason) + ".");
    }

    @Test
    void everyReasonHasItsOwnExplanation() {
        Set<String> explanations = new HashSet<>();
        for (CancellationReason reason : EnumSet.allOf(CancellationReason.class)) {
            explanations.add(OrderCancelledMessage.explain(reason));
        }
        assertThat(explanations).hasSize(CancellationReason.values().length);
    }

    @Test
    void detailFollowsTheReason() {
        Message message = OrderCancelledMessage.of(
                cancelled(CancellationReason.PAYMENT_DECLINED, "Card declined by issuer: insufficient funds"));

        assertThat(message.body()).contains(
                "because the payment was declined. Details: Card declined by issuer: insufficient funds");
    }

    @Test
    void detailCannotBreakTheMailIntoForgedLines() {
        Message message = OrderCancelledMessage.of(
                cancelled(CancellationReason.REJECTED, "no\r\nBcc: everyone@example.com\u2028\u001b[31m"));

        assertThat(message.body()).contains("Details: no Bcc: everyone@example.com [31m");
        assertThat(message.body().lines()).noneMatch(line -> line.startsWith("Bcc"));
    }

    private static OrderCancelled cancelled(CancellationReason reason, String detail) {
        return new OrderCancelled("order-1003", "cust-61", reason, detail, Instant.parse("2026-03-14T09:40:17.260Z"));
    }
}
