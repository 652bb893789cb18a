package dev.cascade.order.repository;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import dev.cascade.contracts.order.CancellationReason;
import dev.cascade.order.saga.SagaPhase;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** The persisted state of one order's saga; {@link #version} makes a concurrent update fail instead of winning. */
@Entity
@Table(name = "saga_instance")
public class SagaInstance extends PanacheEntityBase {

    @Id
    @Column(name = "order_id")
    public String orderId;

    @Column(nullable = false)
    public int step;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SagaPhase phase;

    /** What the participants answered, as a JSON object. */
    @Column(nullable = false)
    public String ids;

    @Enumerated(EnumType.STRING)
    public CancellationReason reason;

    public String detail;

    public Instant deadline;

    @Column(nullable = false)
    public int attempts;

    @Version
    public int version;

    /**
     * The W3C trace context of the work that last moved the saga: a timeout, which comes with no event, continues
     * this trace.
     */
    public String traceparent;

    public String tracestate;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
