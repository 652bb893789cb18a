package dev.cascade.notification.domain;

import java.util.Objects;

import dev.cascade.contracts.deadletter.DeadLetterRecorded;
import dev.cascade.contracts.order.OrderCancelled;
import dev.cascade.contracts.order.OrderConfirmed;
import dev.cascade.contracts.payment.PaymentDeclined;
import dev.cascade.contracts.telemetry.AnomalyDetected;

/**
 * A notification decided but not yet recorded: who gets which text about which order, or, for an operator alert,
 * about which dead letter or anomaly. Emails are simulated, so a customer's address is made up from the customer id; an
 * operator alert goes to the configured operator address.
 *
 * @param orderId    {@code null} for an operator alert ({@link NotificationKind#DEAD_LETTER},
 *                   {@link NotificationKind#ANOMALY_DETECTED}), required otherwise
 * @param customerId {@code null} when the event does not name the customer ({@code payment.declined}, alerts)
 * @param recipient  {@value #UNKNOWN_RECIPIENT} when the customer is not known
 * @param deadLetter what a dead-letter alert is about; {@code null} for every other kind
 * @param anomalyId  the anomaly an anomaly alert is about, at most one notification each; {@code null} otherwise
 */
public record NotificationDraft(
        NotificationKind kind,
        String orderId,
        String customerId,
        String recipient,
        Message message,
        DeadLetterDetails deadLetter,
        String anomalyId) {

    public static final String CHANNEL = "email";
    public static final String UNKNOWN_RECIPIENT = "unknown";
    public static final String RECIPIENT_DOMAIN = "customers.cascade.dev";

    public NotificationDraft {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(message, "message");
        if (kind == NotificationKind.DEAD_LETTER) {
            Objects.requireNonNull(deadLetter, "deadLetter");
        } else if (kind == NotificationKind.ANOMALY_DETECTED) {
            Objects.requireNonNull(anomalyId, "anomalyId");
        } else {
            Objects.requireNonNull(orderId, "orderId");
        }
        if (deadLetter != null && kind != NotificationKind.DEAD_LETTER) {
            throw new IllegalArgumentException("Only a " + NotificationKind.DEAD_LETTER + " alert names a dead letter");
        }
        if (anomalyId != null && kind != NotificationKind.ANOMALY_DETECTED) {
            throw new IllegalArgumentException("Only an " + NotificationKind.ANOMALY_DETECTED + " alert names an anomaly");
        }
    }

    /** A notification about an order. */
    public NotificationDraft(NotificationKind kind, String orderId, String customerId, String recipient,
            Message message) {
        this(kind, Objects.requireNonNull(orderId, "orderId"), customerId, recipient, message, null, null);
    }

    public static NotificationDraft of(OrderConfirmed confirmed) {
        return draft(NotificationKind.ORDER_CONFIRMED, confirmed.orderId(), confirmed.customerId(),
                OrderConfirmedMessage.of(confirmed));
    }

    public static NotificationDraft of(OrderCancelled cancelled) {
        return draft(NotificationKind.ORDER_CANCELLED, cancelled.orderId(), cancelled.customerId(),
                OrderCancelledMessage.of(cancelled));
    }

    public static NotificationDraft of(PaymentDeclined declined) {
        return draft(NotificationKind.PAYMENT_DECLINED, declined.orderId(), null, PaymentDeclinedMessage.of(declined));
    }

    /** The alert that tells {@code operatorAddress} about a stored dead letter. */
    public static NotificationDraft of(DeadLetterRecorded recorded, String operatorAddress) {
        DeadLetterDetails deadLetter = DeadLetterDetails.of(recorded);
        String recipient = EventText.clean(operatorAddress);
        return new NotificationDraft(NotificationKind.DEAD_LETTER, null, null,
                recipient == null || recipient.isEmpty() ? UNKNOWN_RECIPIENT : recipient,
                DeadLetterMessage.of(deadLetter, recorded.receivedAt()), deadLetter, null);
    }

    /** The alert that tells {@code operatorAddress} about an anomaly of a device. */
    public static NotificationDraft of(AnomalyDetected anomaly, String operatorAddress) {
        String recipient = EventText.clean(operatorAddress);
        return new NotificationDraft(NotificationKind.ANOMALY_DETECTED, null, null,
                recipient == null || recipient.isEmpty() ? UNKNOWN_RECIPIENT : recipient,
                AnomalyAlertMessage.of(anomaly), null, EventText.clean(anomaly.anomalyId()));
    }

    /** The simulated address of a customer, or {@value #UNKNOWN_RECIPIENT}. */
    public static String recipientOf(String customerId) {
        String customer = EventText.clean(customerId);
        return customer == null || customer.isEmpty() ? UNKNOWN_RECIPIENT : customer + "@" + RECIPIENT_DOMAIN;
    }

    private static NotificationDraft draft(NotificationKind kind, String orderId, String customerId, Message message) {
        String customer = EventText.clean(customerId);
        return new NotificationDraft(kind, EventText.clean(orderId), customer, recipientOf(customer), message, null, null);
    }
}
