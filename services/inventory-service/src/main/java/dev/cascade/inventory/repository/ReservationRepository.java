package dev.cascade.inventory.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.hibernate.reactive.mutiny.Mutiny;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ReservationRepository implements PanacheRepositoryBase<Reservation, String> {

    /** The order's reservation or marker, or null. */
    public Uni<Reservation> findByOrder(String orderId) {
        return find("orderId", orderId).firstResult();
    }

    /** {@link #findByOrder(String)}, locked until the transaction ends, so two releases cannot both give back. */
    public Uni<Reservation> lockByOrder(String orderId) {
        return find("orderId", orderId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** The reservation's lines, read from the database on first use. */
    public Uni<List<ReservationLine>> linesOf(Reservation reservation) {
        return Mutiny.fetch(reservation.lines);
    }
}
