package dev.cascade.notification.repository;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.cascade.notification.domain.NotificationKind;

/**
 * A recorded notification: the email as sent, and the event that caused it; for an operator alert also the dead
 * letter it is about.
 */
@Entity
@Table(name = "notification")
public class Notification {

    @Id
    @Column(name = "notification_id")
    public String notificationId;

    @Column(name = "order_id")
    public String orderId;

    @Column(name = "customer_id")
    public String customerId;

    @Enumerated(EnumType.STRING)
    public NotificationKind kind;

    public String channel;

    public String recipient;

    public String subject;

    public String body;

    @Column(name = "event_source")
    public String eventSource;

    @Column(name = "event_id")
    public String eventId;

    @Column(name = "event_type")
    public String eventType;

    /** The anomaly an alert is about; {@code null} for notifications about orders. */
    @Column(name = "anomaly_id")
    public String anomalyId;

    @Column(name = "created_at")
    public Instant createdAt;

    /** The dead letter an operator alert is about (dead-letter-service's id); {@code null} for other kinds. */
    @Column(name = "dead_letter_id")
    public String deadLetterId;

    /** The dead event's id, as opposed to {@link #eventId}, the {@code deadletter.recorded} that announced it. */
    @Column(name = "dead_event_id")
    public String deadEventId;

    @Column(name = "dead_event_source")
    public String deadEventSource;

    @Column(name = "dead_event_type")
    public String deadEventType;

    /** Knative's {@code knativeerrorcode}; {@code null} when no HTTP response came back. */
    @Column(name = "error_code")
    public Integer errorCode;

    /** Knative's {@code knativeerrordest}: the subscriber that kept failing. */
    @Column(name = "error_dest")
    public String errorDest;
}
