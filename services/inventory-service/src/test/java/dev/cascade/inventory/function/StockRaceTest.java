package dev.cascade.inventory.function;

import static dev.cascade.testing.CloudEvents.Encoding.BINARY;
import static dev.cascade.testing.CloudEvents.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.common.StockLine;
import dev.cascade.contracts.inventory.InventoryRejected;
import dev.cascade.contracts.inventory.ReserveInventory;
import dev.cascade.contracts.inventory.StockShortage;
import dev.cascade.inventory.function.Shelves.Level;
import dev.cascade.testing.CloudEvents;
import dev.cascade.testing.CloudEvents.Answer;
import dev.cascade.testing.PostgresTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A reserve locks a stock row only to move its units, after everything else it writes, and a reserve whose units
 * another transaction took after it read them is decided again under the lock. A second connection plays that other
 * transaction, so the race happens every time, not by chance.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class StockRaceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Inject
    AgroalDataSource database;

    /** Sends the reserve while the test holds the lock; a thread of the test's, with the test's class loader. */
    private final ExecutorService sender = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopSender() {
        sender.shutdownNow();
    }

    @Test
    void aReserveWhoseUnitsWereTakenAfterItReadThemIsRejectedOnTheStockAsItIsUnderTheLock() throws Exception {
        String sku = Shelves.stocked(1);
        String orderId = "order-" + CloudEvents.newId();
        String eventId = CloudEvents.newId();
        ReserveInventory reserve = new ReserveInventory(orderId, List.of(new StockLine(sku, 1)));

        Answer answer;
        try (Connection other = database.getConnection()) {
            other.setAutoCommit(false);
            lockStockRow(other, sku);

            CompletableFuture<Answer> reserving = CompletableFuture.supplyAsync(
                    () -> post(BINARY, eventId, EventTypes.INVENTORY_RESERVE_V1, reserve), sender);
            int reserver = awaitBlockedReserve(other, reserving);
            // It waits in the statement that moves the units (a write lock on stock, not a select's row-share
            // lock), with its reservation already written.
            assertThat(holdsLock(other, reserver, "stock", "RowExclusiveLock")).as("waits to write stock").isTrue();
            assertThat(holdsLock(other, reserver, "reservation", "RowExclusiveLock"))
                    .as("the reservation is written before any stock row is locked").isTrue();

            // The other transaction takes the last unit and commits: the reserver's move no longer finds it.
            try (PreparedStatement take = other.prepareStatement(
                    "update inventory.stock set available = available - 1, reserved = reserved + 1 where sku = ?")) {
                take.setString(1, sku);
                take.executeUpdate();
            }
            other.commit();
            answer = reserving.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.type()).isEqualTo(EventTypes.INVENTORY_REJECTED_V1);
        InventoryRejected rejected = CloudEvents.JSON.treeToValue(answer.data(), InventoryRejected.class);
        assertThat(rejected.shortages()).containsExactly(new StockShortage(sku, 1, 0));
        assertThat(Shelves.level(sku)).isEqualTo(new Level(0, 1));
        // The first attempt left nothing behind: the redelivery answers the recorded rejection, the same event.
        Answer again = post(BINARY, eventId, EventTypes.INVENTORY_RESERVE_V1, reserve);
        assertThat(again.id()).isEqualTo(answer.id());
        assertThat(again.type()).isEqualTo(EventTypes.INVENTORY_REJECTED_V1);
        assertThat(reservationStates(orderId)).containsExactly("REJECTED");
    }

    @Test
    void aReserveWaitingForItsStockRowGoesThroughOnceTheUnitsAreStillThere() throws Exception {
        String sku = Shelves.stocked(2);
        String orderId = "order-" + CloudEvents.newId();

        Answer answer;
        try (Connection other = database.getConnection()) {
            other.setAutoCommit(false);
            lockStockRow(other, sku);
            ReserveInventory reserve = new ReserveInventory(orderId, List.of(new StockLine(sku, 2)));
            CompletableFuture<Answer> reserving = CompletableFuture.supplyAsync(
                    () -> post(BINARY, EventTypes.INVENTORY_RESERVE_V1, reserve), sender);
            awaitBlockedReserve(other, reserving);
            other.commit();
            answer = reserving.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }

        assertThat(answer.type()).isEqualTo(EventTypes.INVENTORY_RESERVED_V1);
        assertThat(Shelves.level(sku)).isEqualTo(new Level(0, 2));
        assertThat(reservationStates(orderId)).containsExactly("RESERVED");
    }

    private static void lockStockRow(Connection connection, String sku) throws Exception {
        try (PreparedStatement lock = connection.prepareStatement(
                "select available from inventory.stock where sku = ? for update")) {
            lock.setString(1, sku);
            try (ResultSet rows = lock.executeQuery()) {
                assertThat(rows.next()).isTrue();
            }
        }
    }

    /** The backend of the reserve once it waits for the row lock the test holds. */
    private static int awaitBlockedReserve(Connection connection, CompletableFuture<Answer> reserving)
            throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        try (PreparedStatement blocked = connection.prepareStatement(
                "select pid from pg_locks where not granted and pid <> pg_backend_pid()")) {
            while (System.nanoTime() < deadline && !reserving.isDone()) {
                try (ResultSet rows = blocked.executeQuery()) {
                    if (rows.next()) {
                        return rows.getInt(1);
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("no reserve waited for the stock row within "
                + PATIENCE + (reserving.isDone() ? "; it answered without waiting: " + reserving.get() : ""));
    }

    private static boolean holdsLock(Connection connection, int pid, String table, String mode) throws Exception {
        try (PreparedStatement locks = connection.prepareStatement("""
                select 1 from pg_locks l join pg_class c on c.oid = l.relation
                where l.pid = ? and c.relname = ? and l.mode = ? and l.granted""")) {
            locks.setInt(1, pid);
            locks.setString(2, table);
            locks.setString(3, mode);
            try (ResultSet rows = locks.executeQuery()) {
                return rows.next();
            }
        }
    }

    private List<String> reservationStates(String orderId) throws Exception {
        try (Connection connection = database.getConnection();
             PreparedStatement states = connection.prepareStatement(
                     "select state from inventory.reservation where order_id = ?")) {
            states.setString(1, orderId);
            try (ResultSet rows = states.executeQuery()) {
                List<String> found = new java.util.ArrayList<>();
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
                return found;
            }
        }
    }
}
