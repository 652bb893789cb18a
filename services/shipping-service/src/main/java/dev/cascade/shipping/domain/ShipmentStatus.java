package dev.cascade.shipping.domain;

/** Where an order's shipment stands. An order has one shipment at most, whatever the status. */
public enum ShipmentStatus {
    /** A carrier is booked. */
    SCHEDULED,
    /** The carrier refused; nothing is booked, and a second schedule is answered with the same failure. */
    FAILED,
    /** The booking was released, or a cancel came before any schedule; a later schedule fails. */
    CANCELLED
}
