package dev.cascade.order.repository;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An event to publish, written in the transaction that decided it; {@link #publishedAt} is set once the broker took it. */
@Entity
@Table(name = "outbox")
public class OutboxEntry extends PanacheEntityBase {

    @Id
    @Column(name = "event_id")
    public String eventId;

    @Column(nullable = false)
    public String type;

    @Column(nullable = false)
    public String source;

    /** The order the event is about. */
    public String subject;

    /** The W3C trace context of the work that decided the event, so the trace goes on across the broker. */
    public String traceparent;

    /** The W3C trace state that goes with {@link #traceparent}, if any. */
    public String tracestate;

    @Column(nullable = false)
    public String data;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "published_at")
    public Instant publishedAt;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;
}
