package dev.cascade.order.saga;

/** Which way a saga is going. */
public enum SagaPhase {
    /** Running the steps in order, waiting for the current step's reply. */
    FORWARD,
    /** Undoing completed steps in reverse order, waiting for the current step's compensation reply. */
    COMPENSATING,
    /** Confirmed or cancelled; the saga answers no reply any more. */
    DONE
}
