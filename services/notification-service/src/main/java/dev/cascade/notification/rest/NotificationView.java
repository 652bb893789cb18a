package dev.cascade.notification.rest;

import java.time.Instant;

import dev.cascade.notification.domain.NotificationKind;
import dev.cascade.notification.repository.Notification;

/** One notification as {@code GET /notifications} lists it; the body stays in the database and the log. */
public record NotificationView(
        String notificationId,
        String orderId,
        NotificationKind kind,
        String recipient,
        String subject,
        Instant createdAt) {

    static NotificationView of(Notification row) {
        return new NotificationView(row.notificationId, row.orderId, row.kind, row.recipient, row.subject,
                row.createdAt);
    }
}
