package dev.cascade.contracts.order;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Why the saga gave up on an order. */
@RegisterForReflection
public enum CancellationReason {
    OUT_OF_STOCK,
    PAYMENT_DECLINED,
    SHIPPING_FAILED,
    /** A participant did not answer in time; the saga compensated what had been done. */
    STEP_TIMED_OUT,
    /** The order-service refused the command itself (for example a total it cannot price). */
    REJECTED
}
