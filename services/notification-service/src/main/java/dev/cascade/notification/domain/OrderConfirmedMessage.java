package dev.cascade.notification.domain;

import dev.cascade.contracts.order.OrderConfirmed;

/** The email that tells a customer the order will be fulfilled. */
public final class OrderConfirmedMessage {

    private OrderConfirmedMessage() {
    }

    public static Message of(OrderConfirmed confirmed) {
        String orderId = EventText.clean(confirmed.orderId());
        String tracking = EventText.clean(confirmed.trackingNumber());
        String shipping = tracking == null
                ? "Your parcel is scheduled for shipment; we will send the tracking number as soon as the carrier"
                        + " assigns one."
                : "Your parcel is scheduled for shipment with tracking number " + tracking + ".";
        return new Message(
                "Your order " + orderId + " is confirmed",
                "Hello,\n\n"
                        + "thank you for your order " + orderId + ". Your payment of "
                        + confirmed.total().toPlainString() + " has been authorized.\n\n"
                        + shipping + "\n\n"
                        + "Cascade");
    }
}
