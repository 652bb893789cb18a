package dev.cascade.payment.domain;

/** Where an order's payment stands. An order has one payment at most, whatever the status. */
public enum PaymentStatus {
    /** The amount is held on the customer's payment method. */
    AUTHORIZED,
    /** The gateway refused; nothing was charged, and a second authorize is answered with the same decline. */
    DECLINED,
    /** The amount was given back, or a refund came before any authorize (amount 0.00); a later authorize is declined. */
    REFUNDED
}
