package dev.cascade.notification.repository;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.cascade.notification.domain.NotificationKind;

/** A recorded notification: the email as sent, and the event that caused it. */
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

    @Column(name = "created_at")
    public Instant createdAt;
}
