package dev.cascade.payment.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class PaymentRepository implements PanacheRepositoryBase<Payment, String> {

    /** The order's payment or marker, or null. */
    public Uni<Payment> findByOrder(String orderId) {
        return find("orderId", orderId).firstResult();
    }

    /** {@link #findByOrder(String)}, locked until the transaction ends, so two refunds cannot both give back. */
    public Uni<Payment> lockByOrder(String orderId) {
        return find("orderId", orderId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** The order's payments: one at most, as a list for the REST API. */
    public Uni<List<Payment>> listByOrder(String orderId) {
        return list("orderId", orderId);
    }
}
