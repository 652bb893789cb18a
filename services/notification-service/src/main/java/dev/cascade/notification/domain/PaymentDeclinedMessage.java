package dev.cascade.notification.domain;

import dev.cascade.contracts.payment.PaymentDeclined;

/** The email that tells a customer the payment provider refused the payment. */
public final class PaymentDeclinedMessage {

    private PaymentDeclinedMessage() {
    }

    public static Message of(PaymentDeclined declined) {
        String orderId = EventText.clean(declined.orderId());
        return new Message(
                "Payment for order " + orderId + " was declined",
                "Hello,\n\n"
                        + "your payment of " + declined.amount().toPlainString() + " for order " + orderId
                        + " was declined: " + EventText.clean(declined.reason()) + ".\n\n"
                        + "Nothing has been charged. Please check your payment details and place the order"
                        + " again.\n\n"
                        + "Cascade");
    }
}
