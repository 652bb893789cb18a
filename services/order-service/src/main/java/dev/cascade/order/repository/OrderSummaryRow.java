package dev.cascade.order.repository;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A row of the order summary view; written by {@code OrderViews} only. Lists are JSON text. */
@Entity
@Table(name = "order_summary")
public class OrderSummaryRow extends PanacheEntityBase {

    @Id
    @Column(name = "order_id")
    public String orderId;

    @Column(name = "customer_id", nullable = false)
    public String customerId;

    @Column(nullable = false)
    public String status;

    @Column(name = "cancellation_reason")
    public String cancellationReason;

    @Column(name = "cancellation_detail")
    public String cancellationDetail;

    @Column(nullable = false, precision = 14, scale = 2)
    public BigDecimal total;

    @Column(nullable = false)
    public String items;

    @Column(nullable = false)
    public String timeline;

    @Column(name = "payment_id")
    public String paymentId;

    @Column(name = "shipment_id")
    public String shipmentId;

    @Column(name = "tracking_number")
    public String trackingNumber;

    @Column(name = "placed_at", nullable = false)
    public Instant placedAt;

    /** The last store event applied: the live projection and a replay skip what a row already has. */
    @Column(name = "last_global_seq", nullable = false)
    public long lastGlobalSeq;
}
