package dev.cascade.notification.domain;

import java.util.Objects;

import dev.cascade.contracts.order.OrderCancelled;
import dev.cascade.contracts.order.OrderConfirmed;
import dev.cascade.contracts.payment.PaymentDeclined;

/**
 * A notification decided but not yet recorded: who gets which text about which order. Emails are simulated,
 * so the recipient is an address made up from the customer id.
 *
 * @param customerId {@code null} when the event does not name the customer ({@code payment.declined})
 * @param recipient  {@value #UNKNOWN_RECIPIENT} when the customer is not known
 */
public record NotificationDraft(
        NotificationKind kind,
        String orderId,
        String customerId,
        String recipient,
        Message message) {

    public static final String CHANNEL = "email";
    public static final String UNKNOWN_RECIPIENT = "unknown";
    public static final String RECIPIENT_DOMAIN = "customers.cascade.dev";

    public NotificationDraft {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(message, "message");
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

    /** The simulated address of a customer, or {@value #UNKNOWN_RECIPIENT}. */
    public static String recipientOf(String customerId) {
        String customer = EventText.clean(customerId);
        return customer == null || customer.isEmpty() ? UNKNOWN_RECIPIENT : customer + "@" + RECIPIENT_DOMAIN;
    }

    private static NotificationDraft draft(NotificationKind kind, String orderId, String customerId, Message message) {
        String customer = EventText.clean(customerId);
        return new NotificationDraft(kind, EventText.clean(orderId), customer, recipientOf(customer), message);
    }
}
