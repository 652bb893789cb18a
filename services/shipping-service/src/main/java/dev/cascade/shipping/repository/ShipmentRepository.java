package dev.cascade.shipping.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ShipmentRepository implements PanacheRepositoryBase<Shipment, String> {

    /** The order's shipment or marker, or null. */
    public Uni<Shipment> findByOrder(String orderId) {
        return find("orderId", orderId).firstResult();
    }

    /** {@link #findByOrder(String)}, locked until the transaction ends, so a cancel and a schedule take turns. */
    public Uni<Shipment> lockByOrder(String orderId) {
        return find("orderId", orderId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** The order's shipments: one at most, as a list for the REST API. */
    public Uni<List<Shipment>> listByOrder(String orderId) {
        return list("orderId", orderId);
    }
}
