package dev.cascade.inventory.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

import dev.cascade.inventory.domain.ReservationState;

/** An order's one reserve outcome, or the marker a release left before any reserve arrived. */
@Entity
@Table(name = "reservation")
public class Reservation extends PanacheEntityBase {

    @Id
    @Column(name = "reservation_id")
    public String reservationId;

    @Column(name = "order_id")
    public String orderId;

    @Enumerated(EnumType.STRING)
    public ReservationState state;

    /** Why a rejected order was rejected. */
    public String reason;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Lazy: read with {@code Mutiny.fetch} only where the lines are needed. */
    @ElementCollection
    @OrderBy("sku")
    @CollectionTable(name = "reservation_line", joinColumns = @JoinColumn(name = "reservation_id"))
    public List<ReservationLine> lines = new ArrayList<>();
}
