package dev.cascade.notification.domain;

/** What a notification tells its reader; one kind per event type the service consumes. */
public enum NotificationKind {
    ORDER_CONFIRMED,
    ORDER_CANCELLED,
    PAYMENT_DECLINED,
    /** An operator alert: an event could not be delivered and waits in dead-letter-service. About no order. */
    DEAD_LETTER
}
