package dev.cascade.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.cascade.contracts.deadletter.DeadLetterRecorded;
import dev.cascade.contracts.order.CancellationReason;
import dev.cascade.contracts.order.OrderCancelled;
import dev.cascade.contracts.order.OrderConfirmed;
import dev.cascade.contracts.payment.PaymentDeclined;

class NotificationDraftTest {

    @Test
    void knownCustomerGetsASimulatedAddress() {
        NotificationDraft draft = NotificationDraft.of(new OrderConfirmed("order-1", "cust-42", new BigDecimal("3.00"),
                "pay-1", "shp-1", null, Instant.parse("2026-03-14T09:26:52Z")));

        assertThat(draft.kind()).isEqualTo(NotificationKind.ORDER_CONFIRMED);
        assertThat(draft.customerId()).isEqualTo("cust-42");
        assertThat(draft.recipient()).isEqualTo("cust-42@customers.cascade.dev");
    }

    @Test
    void declinedPaymentNamesNoCustomerSoTheRecipientIsUnknown() {
        NotificationDraft draft = NotificationDraft.of(
                new PaymentDeclined("order-1", "pay-1", new BigDecimal("3.00"), "declined"));

        assertThat(draft.kind()).isEqualTo(NotificationKind.PAYMENT_DECLINED);
        assertThat(draft.customerId()).isNull();
        assertThat(draft.recipient()).isEqualTo(NotificationDraft.UNKNOWN_RECIPIENT);
    }

    @Test
    void cancelledOrderIsACancellationNotice() {
        NotificationDraft draft = NotificationDraft.of(new OrderCancelled("order-2", "cust-7",
                CancellationReason.SHIPPING_FAILED, null, Instant.parse("2026-03-14T09:26:52Z")));

        assertThat(draft.kind()).isEqualTo(NotificationKind.ORDER_CANCELLED);
        assertThat(draft.orderId()).isEqualTo("order-2");
        assertThat(draft.message().body()).contains("the shipment could not be scheduled");
    }

    @Test
    void deadLetterIsAnAlertToTheOperatorsAboutNoOrder() {
        NotificationDraft draft = NotificationDraft.of(new DeadLetterRecorded("dl-1", "e-1\u2028x", "urn:example:a",
                "dev.example.thing.happened.v1", 503, "http://sub", Instant.parse("2026-03-14T09:27:34Z")),
                "ops@example.org");

        assertThat(draft.kind()).isEqualTo(NotificationKind.DEAD_LETTER);
        assertThat(draft.orderId()).isNull();
        assertThat(draft.customerId()).isNull();
        assertThat(draft.recipient()).isEqualTo("ops@example.org");
        assertThat(draft.deadLetter()).isEqualTo(new DeadLetterDetails("dl-1", "e-1 x", "urn:example:a",
                "dev.example.thing.happened.v1", 503, "http://sub"));
    }

    @Test
    void onlyAnAlertMayLackAnOrderAndOnlyAnAlertNamesADeadLetter() {
        Message message = new Message("s", "b");
        DeadLetterDetails deadLetter = new DeadLetterDetails("dl-1", "e-1", "urn:example:a", "t", null, null);

        assertThatThrownBy(() -> new NotificationDraft(NotificationKind.ORDER_CONFIRMED, null, "c", "r", message, null,
                null)).isInstanceOf(NullPointerException.class).hasMessage("orderId");
        assertThatThrownBy(() -> new NotificationDraft(NotificationKind.DEAD_LETTER, null, null, "r", message, null,
                null)).isInstanceOf(NullPointerException.class).hasMessage("deadLetter");
        assertThatThrownBy(() -> new NotificationDraft(NotificationKind.ANOMALY_DETECTED, null, null, "r", message, null,
                null)).isInstanceOf(NullPointerException.class).hasMessage("anomalyId");
        assertThatThrownBy(() -> new NotificationDraft(NotificationKind.ORDER_CONFIRMED, "o", "c", "r", message,
                deadLetter, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NotificationDraft(NotificationKind.DEAD_LETTER, null, null, "r", message,
                deadLetter, "anm-1")).isInstanceOf(IllegalArgumentException.class);
    }
}
