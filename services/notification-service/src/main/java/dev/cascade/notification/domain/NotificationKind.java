package dev.cascade.notification.domain;

/** What a notification tells the customer or the operators; one kind per event type the service consumes. */
public enum NotificationKind {
    ORDER_CONFIRMED,
    ORDER_CANCELLED,
    PAYMENT_DECLINED,
    /** An operator alert: an event could not be delivered and waits in dead-letter-service. About no order. */
    DEAD_LETTER,
    /** An operator alert: a telemetry window broke a rule of the anomaly-detector. About a device, no order. */
    ANOMALY_DETECTED
}
