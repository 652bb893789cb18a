package dev.cascade.notification.domain;

/** What a notification tells the customer; one kind per event type the service consumes. */
public enum NotificationKind {
    ORDER_CONFIRMED,
    ORDER_CANCELLED,
    PAYMENT_DECLINED
}
