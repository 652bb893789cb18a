package dev.cascade.notification.domain;

import dev.cascade.contracts.order.CancellationReason;
import dev.cascade.contracts.order.OrderCancelled;

/** The email that tells a customer the order will not be fulfilled, and why. */
public final class OrderCancelledMessage {

    private OrderCancelledMessage() {
    }

    public static Message of(OrderCancelled cancelled) {
        String orderId = EventText.clean(cancelled.orderId());
        String detail = EventText.clean(cancelled.detail());
        String because = "We are sorry: your order " + orderId + " has been cancelled because "
                + explain(cancelled.reason()) + "."
                + (detail == null || detail.isEmpty() ? "" : " Details: " + detail);
        return new Message(
                "Your order " + orderId + " has been cancelled",
                "Hello,\n\n"
                        + because + "\n\n"
                        + "Nothing will be charged: any payment we authorized has been refunded and the items"
                        + " we held for you have been released.\n\n"
                        + "Cascade");
    }

    /** The reason in the customer's words; the switch has no default, so a new reason fails to compile here. */
    static String explain(CancellationReason reason) {
        return switch (reason) {
            case OUT_OF_STOCK -> "some of the items are out of stock";
            case PAYMENT_DECLINED -> "the payment was declined";
            case SHIPPING_FAILED -> "the shipment could not be scheduled";
            case STEP_TIMED_OUT -> "we could not complete it in time";
            case REJECTED -> "we could not accept it";
        };
    }
}
