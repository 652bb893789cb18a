package dev.cascade.inventory.domain;

/** Where an order's reservation stands. An order has one reservation at most, whatever the state. */
public enum ReservationState {
    /** Its stock is held. */
    RESERVED,
    /** The stock did not cover it; nothing is held, and a second reserve is answered with the same rejection. */
    REJECTED,
    /** Its stock was given back, or it was released before anything was held; a later reserve is refused. */
    RELEASED
}
