package dev.cascade.inventory.repository;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class StockRepository implements PanacheRepositoryBase<StockItem, String> {

    private static final String AVAILABLE = "select s.sku, s.available from StockItem s where s.sku in ?1";
    private static final String TAKE = """
            update stock set available = available - :quantity, reserved = reserved + :quantity
            where sku = :sku and available >= :quantity""";
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
     * The available units of each of {@code skus} as last committed, without locking anything; unknown SKUs are left
     * out. The rows are not loaded as entities, so nothing read here is written back.
     */
    public Uni<Map<String, Integer>> availableOf(Collection<String> skus) {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(AVAILABLE, Object[].class)
                        .setParameter(1, List.copyOf(skus))
                        .getResultList())
                .map(rows -> {
                    Map<String, Integer> available = new HashMap<>();
                    rows.forEach(row -> available.put((String) row[0], (Integer) row[1]));
                    return available;
                });
    }

    /**
     * Moves {@code quantities} from available to reserved, SKU by SKU in the order given, each in one statement that
     * locks its row: the check and the move happen under the lock, against the row as it is then. Stops at the
     * first SKU without enough available units and answers false; the moves made before it stay in the transaction,
     * which the caller rolls back.
     */
    public Uni<Boolean> take(SortedMap<String, Integer> quantities) {
        Uni<Boolean> taken = Uni.createFrom().item(true);
        for (Map.Entry<String, Integer> line : quantities.entrySet()) {
            taken = taken.chain(allSoFar -> !allSoFar
                    ? Uni.createFrom().item(false)
                    : Panache.getSession().chain(session -> session.createNativeQuery(TAKE)
                            .setParameter("sku", line.getKey())
                            .setParameter("quantity", line.getValue())
                            .executeUpdate()
                            .map(rows -> rows == 1)));
        }
        return taken;
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
