package dev.cascade.inventory.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.common.StockLine;
import dev.cascade.contracts.inventory.InventoryRejected;
import dev.cascade.contracts.inventory.InventoryReleased;
import dev.cascade.contracts.inventory.InventoryReserved;
import dev.cascade.contracts.inventory.ReleaseInventory;
import dev.cascade.contracts.inventory.ReserveInventory;
import dev.cascade.contracts.inventory.StockShortage;
import dev.cascade.functions.PermanentEventFailure;
import dev.cascade.functions.Reply;
import dev.cascade.inventory.domain.ReservationState;
import dev.cascade.inventory.domain.StockCheck;
import dev.cascade.inventory.domain.StockRequest;
import dev.cascade.inventory.repository.Reservation;
import dev.cascade.inventory.repository.ReservationLine;
import dev.cascade.inventory.repository.ReservationRepository;
import dev.cascade.inventory.repository.StockItem;
import dev.cascade.inventory.repository.StockRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Reserves and releases stock for orders. {@link #reserve} and {@link #release} run inside the transaction the
 * idempotent consumer opened, so what they write commits together with the record of the event.
 */
@ApplicationScoped
public class InventoryService {

    @Inject
    StockRepository stock;

    @Inject
    ReservationRepository reservations;

    /**
     * Holds every line of the order, or none. An order is decided once: a second reserve for it answers the
     * recorded reservation or rejection, and a reserve after the order was released is refused.
     * <p>
     * The decision is made on the stock as last committed, without a lock, and the stock rows are locked only by the
     * statements that move the units, after the reservation is written: a SKU that every order wants is then locked
     * for those statements and the commit, not for the whole transaction. The move checks the units again under the
     * lock; if another reservation took them in between, this fails with {@link StockMoved} and
     * {@link #reserveUnderLock} decides again.
     */
    public Uni<Reply> reserve(ReserveInventory command) {
        return reserve(command, false);
    }

    /**
     * {@link #reserve} deciding under the stock rows' locks, taken first, in SKU order: exact whatever runs
     * concurrently, for the order whose first decision lost its race.
     */
    public Uni<Reply> reserveUnderLock(ReserveInventory command) {
        return reserve(command, true);
    }

    /**
     * Gives back what the order holds, by reservation id or, without one, by order. Releasing twice, or an order
     * that holds nothing, gives back nothing and still answers released; if the order had no reservation at all, a
     * marker is left so that a reserve arriving later is refused.
     */
    public Uni<Reply> release(ReleaseInventory command) {
        String orderId = command.orderId();
        return reservations.lockByOrder(orderId).chain(existing -> {
            String named = command.reservationId();
            if (named != null && (existing == null || !named.equals(existing.reservationId))) {
                return Uni.createFrom().failure(new PermanentEventFailure(
                        "reservation " + named + " is not a reservation of order " + orderId));
            }
            if (existing == null) {
                Reservation marker = newReservation(orderId, ReservationState.RELEASED);
                return reservations.persist(marker).replaceWith(released(marker, List.of()));
            }
            if (existing.state != ReservationState.RESERVED) {
                return Uni.createFrom().item(released(existing, List.of()));
            }
            return reservations.linesOf(existing).chain(lines -> giveBack(existing, lines));
        });
    }

    /** The stock of {@code sku}, or null if the SKU is unknown. */
    @WithSession
    public Uni<StockItem> stockOf(String sku) {
        return stock.findById(sku);
    }

    /** Creates {@code sku} with {@code available} units, or sets its available units; held units stay held. */
    @WithTransaction
    public Uni<StockItem> setAvailable(String sku, int available) {
        return stock.setAvailable(sku, available);
    }

    private Uni<Reply> reserve(ReserveInventory command, boolean underLock) {
        StockRequest request;
        try {
            request = StockRequest.of(command.items());
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(new PermanentEventFailure(
                    "order " + command.orderId() + " cannot be reserved: " + e.getMessage(), e));
        }
        return reservations.findByOrder(command.orderId()).chain(existing -> {
            if (existing != null) {
                return answerAgain(existing, request);
            }
            String orderId = command.orderId();
            return underLock ? decideUnderLock(orderId, request) : decideOnLastCommitted(orderId, request);
        });
    }

    private Uni<Reply> decideOnLastCommitted(String orderId, StockRequest request) {
        return stock.availableOf(request.skusInLockOrder()).chain(onHand -> {
            if (StockCheck.check(request, onHand) instanceof StockCheck.Short shortfall) {
                return reject(orderId, request, shortfall);
            }
            Reservation reserved = reserved(orderId, request);
            return reservations.persist(reserved)
                    // Written now, so that no statement but the moves runs while a stock row is locked.
                    .call(() -> Panache.getSession().chain(Mutiny.Session::flush))
                    .chain(() -> stock.take(new TreeMap<>(request.quantities())))
                    .map(taken -> {
                        if (!taken) {
                            throw new StockMoved(orderId);
                        }
                        return reservedReply(reserved, request);
                    });
        });
    }

    private Uni<Reply> decideUnderLock(String orderId, StockRequest request) {
        return stock.lockInSkuOrder(request.skusInLockOrder()).chain(rows -> {
            Map<String, StockItem> bySku = new HashMap<>();
            Map<String, Integer> onHand = new HashMap<>();
            for (StockItem row : rows) {
                bySku.put(row.sku, row);
                onHand.put(row.sku, row.available);
            }
            if (StockCheck.check(request, onHand) instanceof StockCheck.Short shortfall) {
                return reject(orderId, request, shortfall);
            }
            request.quantities().forEach((sku, quantity) -> {
                StockItem row = bySku.get(sku);
                row.setLevel(row.level().reserve(quantity));
            });
            Reservation reserved = reserved(orderId, request);
            return reservations.persist(reserved).replaceWith(reservedReply(reserved, request));
        });
    }

    private Uni<Reply> reject(String orderId, StockRequest request, StockCheck.Short shortfall) {
        Reservation rejected = newReservation(orderId, ReservationState.REJECTED);
        rejected.reason = shortfall.reason();
        Map<String, Integer> shortOf = new HashMap<>();
        shortfall.shortages().forEach(s -> shortOf.put(s.sku(), s.available()));
        request.quantities().forEach((sku, quantity) ->
                rejected.lines.add(new ReservationLine(sku, quantity, shortOf.get(sku))));
        return reservations.persist(rejected).replaceWith(rejected(orderId, shortfall));
    }

    private static Reservation reserved(String orderId, StockRequest request) {
        Reservation reserved = newReservation(orderId, ReservationState.RESERVED);
        request.quantities().forEach((sku, quantity) -> reserved.lines.add(new ReservationLine(sku, quantity, null)));
        return reserved;
    }

    private static Reply reservedReply(Reservation reserved, StockRequest request) {
        return Reply.of(EventTypes.INVENTORY_RESERVED_V1,
                new InventoryReserved(reserved.orderId, reserved.reservationId, request.lines()));
    }

    private Uni<Reply> answerAgain(Reservation existing, StockRequest request) {
        return switch (existing.state) {
            case RELEASED -> Uni.createFrom().item(rejected(existing.orderId, StockCheck.refusedAfterRelease(request)));
            case RESERVED -> reservations.linesOf(existing).map(lines -> Reply.of(EventTypes.INVENTORY_RESERVED_V1,
                    new InventoryReserved(existing.orderId, existing.reservationId, stockLines(lines))));
            case REJECTED -> reservations.linesOf(existing).map(lines -> {
                List<StockShortage> shortages = new ArrayList<>();
                for (ReservationLine line : lines) {
                    if (line.shortOfAvailable != null) {
                        shortages.add(new StockShortage(line.sku, line.quantity, line.shortOfAvailable));
                    }
                }
                return rejected(existing.orderId, new StockCheck.Short(existing.reason, shortages));
            });
        };
    }

    private Uni<Reply> giveBack(Reservation reservation, List<ReservationLine> lines) {
        List<StockLine> items = stockLines(lines);
        Map<String, Integer> quantities = new HashMap<>();
        items.forEach(line -> quantities.put(line.sku(), line.quantity()));
        return stock.lockInSkuOrder(quantities.keySet()).map(rows -> {
            if (rows.size() != quantities.size()) {
                // Stock rows are never deleted, so this is a broken database, not a bad command: let it be retried.
                throw new IllegalStateException("stock rows of reservation " + reservation.reservationId + " are missing");
            }
            for (StockItem row : rows) {
                row.setLevel(row.level().release(quantities.get(row.sku)));
            }
            reservation.state = ReservationState.RELEASED;
            reservation.updatedAt = Instant.now();
            return released(reservation, items);
        });
    }

    private static Reservation newReservation(String orderId, ReservationState state) {
        Reservation reservation = new Reservation();
        reservation.reservationId = "res-" + UUID.randomUUID();
        reservation.orderId = orderId;
        reservation.state = state;
        reservation.createdAt = Instant.now();
        reservation.updatedAt = reservation.createdAt;
        return reservation;
    }

    private static List<StockLine> stockLines(List<ReservationLine> lines) {
        return lines.stream().map(line -> new StockLine(line.sku, line.quantity)).toList();
    }

    private static Reply rejected(String orderId, StockCheck.Short shortfall) {
        return Reply.of(EventTypes.INVENTORY_REJECTED_V1,
                new InventoryRejected(orderId, shortfall.reason(), shortfall.shortages()));
    }

    private static Reply released(Reservation reservation, List<StockLine> items) {
        return Reply.of(EventTypes.INVENTORY_RELEASED_V1,
                new InventoryReleased(reservation.orderId, reservation.reservationId, items));
    }
}
