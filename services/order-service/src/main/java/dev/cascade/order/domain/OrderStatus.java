package dev.cascade.order.domain;

/** Where an order stands, as its customer sees it. */
public enum OrderStatus {
    /** Placed; the saga is running (or compensating). */
    PENDING,
    /** Stock reserved, payment authorized, shipment scheduled. */
    CONFIRMED,
    /** Every completed step has been compensated. */
    CANCELLED
}
