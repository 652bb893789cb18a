package dev.cascade.payment.repository;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.cascade.payment.domain.PaymentStatus;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * An order's one payment, or the marker a refund left before any authorize arrived. Public fields, as Panache has
 * them: extending {@link PanacheEntityBase} makes Quarkus turn every access into a generated accessor, so Hibernate
 * sees each write (the queries live in {@link PaymentRepository}).
 */
@Entity
@Table(name = "payment")
public class Payment extends PanacheEntityBase {

    @Id
    @Column(name = "payment_id")
    public String paymentId;

    @Column(name = "order_id")
    public String orderId;

    @Column(name = "customer_id")
    public String customerId;

    public String method;

    @Column(precision = 14, scale = 2)
    public BigDecimal amount;

    @Enumerated(EnumType.STRING)
    public PaymentStatus status;

    /** Why the gateway declined. */
    @Column(name = "decline_reason")
    public String declineReason;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
