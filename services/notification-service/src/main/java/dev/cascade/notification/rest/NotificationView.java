package dev.cascade.notification.rest;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.cascade.notification.domain.DeadLetterDetails;
import dev.cascade.notification.domain.NotificationKind;
import dev.cascade.notification.repository.Notification;

/**
 * One notification as {@code GET /notifications} lists it; the body stays in the database and the log.
 *
 * @param orderId    {@code null} for an operator alert
 * @param deadLetter what an operator alert is about; left out for every other kind
 */
public record NotificationView(
        String notificationId,
        String orderId,
        NotificationKind kind,
        String recipient,
        String subject,
        Instant createdAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) DeadLetterDetails deadLetter,
        @JsonInclude(JsonInclude.Include.NON_NULL) String anomalyId) {

    static NotificationView of(Notification row) {
        DeadLetterDetails deadLetter = row.deadLetterId == null ? null
                : new DeadLetterDetails(row.deadLetterId, row.deadEventId, row.deadEventSource, row.deadEventType,
                        row.errorCode, row.errorDest);
        return new NotificationView(row.notificationId, row.orderId, row.kind, row.recipient, row.subject,
                row.createdAt, deadLetter, row.anomalyId);
    }
}
