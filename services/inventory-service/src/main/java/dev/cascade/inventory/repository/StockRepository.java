package dev.cascade.inventory.repository;

import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class StockRepository implements PanacheRepositoryBase<StockItem, String> {

    private static final String SET_AVAILABLE = """
            insert into stock (sku, available, reserved) values (:sku, :available, 0)
            on conflict (sku) do update set available = excluded.available""";

    /**
     * Locks the rows of {@code skus} until the transaction ends, one after the other in SKU order. Hibernate writes
     * {@code select ... order by sku for no key update} (its pessimistic write lock on PostgreSQL), and PostgreSQL
     * locks the rows of a sorted locking select as it returns them, so every transaction takes its locks in the same
     * order and two reservations sharing SKUs wait for each other instead of deadlocking. Unknown SKUs have no row
     * and are left out.
     */
    public Uni<List<StockItem>> lockInSkuOrder(Collection<String> skus) {
        return find("sku in ?1 order by sku", List.copyOf(skus)).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /**
     * Creates the SKU with {@code available} units, or sets the available units of an existing one. Held units stay
     * held. One statement, so two requests creating the same SKU cannot collide.
     */
    public Uni<StockItem> setAvailable(String sku, int available) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(SET_AVAILABLE)
                        .setParameter("sku", sku)
                        .setParameter("available", available)
                        .executeUpdate())
                .chain(() -> findById(sku));
    }
}
