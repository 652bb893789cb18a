package dev.cascade.shipping.repository;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.cascade.shipping.domain.ShipmentStatus;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * An order's one shipment, or the marker a cancel left before any schedule arrived. Public fields, as Panache has
 * them: extending {@link PanacheEntityBase} makes Quarkus turn every access into a generated accessor, so Hibernate
 * sees each write (the queries live in {@link ShipmentRepository}).
 */
@Entity
@Table(name = "shipment")
public class Shipment extends PanacheEntityBase {

    @Id
    @Column(name = "shipment_id")
    public String shipmentId;

    @Column(name = "order_id")
    public String orderId;

    @Enumerated(EnumType.STRING)
    public ShipmentStatus status;

    public String carrier;

    @Column(name = "tracking_number")
    public String trackingNumber;

    @Column(name = "estimated_delivery")
    public LocalDate estimatedDelivery;

    /** The destination country. */
    public String country;

    /** Why the carrier refused. */
    @Column(name = "failure_reason")
    public String failureReason;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
