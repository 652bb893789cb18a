package dev.cascade.contracts;

/**
 * Every CloudEvents {@code type} in Cascade, and the only place those strings are written down.
 *
 * <p>Names are reverse-DNS, {@code dev.cascade.<domain>.<name>.v<N>}. Commands are imperative
 * ({@code order.place}), events are past tense ({@code order.placed}). The version is part of the
 * type: an incompatible payload gets a new constant ({@code ..._V2}) next to the old one, never a
 * changed value. The constants are compile-time constants so they can go into annotations.
 *
 * <p>{@link EventCatalog} says who produces and consumes each type.
 */
public final class EventTypes {

    // Orders
    public static final String ORDER_PLACE_V1 = "dev.cascade.order.place.v1";
    public static final String ORDER_PLACED_V1 = "dev.cascade.order.placed.v1";
    public static final String ORDER_CONFIRMED_V1 = "dev.cascade.order.confirmed.v1";
    public static final String ORDER_CANCELLED_V1 = "dev.cascade.order.cancelled.v1";

    // Inventory
    public static final String INVENTORY_RESERVE_V1 = "dev.cascade.inventory.reserve.v1";
    public static final String INVENTORY_RESERVED_V1 = "dev.cascade.inventory.reserved.v1";
    public static final String INVENTORY_REJECTED_V1 = "dev.cascade.inventory.rejected.v1";
    public static final String INVENTORY_RELEASE_V1 = "dev.cascade.inventory.release.v1";
    public static final String INVENTORY_RELEASED_V1 = "dev.cascade.inventory.released.v1";

    // Payments
    public static final String PAYMENT_AUTHORIZE_V1 = "dev.cascade.payment.authorize.v1";
    public static final String PAYMENT_AUTHORIZED_V1 = "dev.cascade.payment.authorized.v1";
    public static final String PAYMENT_DECLINED_V1 = "dev.cascade.payment.declined.v1";
    public static final String PAYMENT_REFUND_V1 = "dev.cascade.payment.refund.v1";
    public static final String PAYMENT_REFUNDED_V1 = "dev.cascade.payment.refunded.v1";

    // Shipments
    public static final String SHIPMENT_SCHEDULE_V1 = "dev.cascade.shipment.schedule.v1";
    public static final String SHIPMENT_SCHEDULED_V1 = "dev.cascade.shipment.scheduled.v1";
    public static final String SHIPMENT_FAILED_V1 = "dev.cascade.shipment.failed.v1";
    public static final String SHIPMENT_CANCEL_V1 = "dev.cascade.shipment.cancel.v1";
    public static final String SHIPMENT_CANCELLED_V1 = "dev.cascade.shipment.cancelled.v1";

    // Telemetry
    public static final String TELEMETRY_READING_V1 = "dev.cascade.telemetry.reading.v1";
    public static final String TELEMETRY_READING_REJECTED_V1 = "dev.cascade.telemetry.reading.rejected.v1";
    public static final String TELEMETRY_WINDOW_CLOSED_V1 = "dev.cascade.telemetry.window.closed.v1";
    public static final String TELEMETRY_ANOMALY_DETECTED_V1 = "dev.cascade.telemetry.anomaly.detected.v1";

    // Dead letters
    public static final String DEADLETTER_RECORDED_V1 = "dev.cascade.deadletter.recorded.v1";

    private EventTypes() {
    }
}
