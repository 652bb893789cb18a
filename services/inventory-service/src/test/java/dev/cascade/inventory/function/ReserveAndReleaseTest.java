package dev.cascade.inventory.function;

import static dev.cascade.testing.CloudEvents.Encoding.BINARY;
import static dev.cascade.testing.CloudEvents.Encoding.STRUCTURED;
import static dev.cascade.testing.CloudEvents.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.cascade.contracts.EventSources;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.common.StockLine;
import dev.cascade.contracts.inventory.InventoryRejected;
import dev.cascade.contracts.inventory.InventoryReleased;
import dev.cascade.contracts.inventory.InventoryReserved;
import dev.cascade.contracts.inventory.ReleaseInventory;
import dev.cascade.contracts.inventory.ReserveInventory;
import dev.cascade.contracts.inventory.StockShortage;
import dev.cascade.inventory.function.Shelves.Level;
import dev.cascade.testing.CloudEvents;
import dev.cascade.testing.CloudEvents.Answer;
import dev.cascade.testing.CloudEvents.Encoding;
import dev.cascade.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class ReserveAndReleaseTest {

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void reservingMovesEveryLineFromAvailableToReserved(Encoding encoding) {
        String cups = Shelves.stocked(10);
        String pots = Shelves.stocked(5);
        String orderId = order();

        Answer answer = post(encoding, EventTypes.INVENTORY_RESERVE_V1,
                new ReserveInventory(orderId, List.of(new StockLine(cups, 3), new StockLine(pots, 5))));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.type()).isEqualTo(EventTypes.INVENTORY_RESERVED_V1);
        assertThat(answer.source()).isEqualTo(EventSources.INVENTORY_SERVICE);
        InventoryReserved reserved = as(answer, InventoryReserved.class);
        assertThat(reserved.orderId()).isEqualTo(orderId);
        assertThat(reserved.reservationId()).startsWith("res-");
        assertThat(reserved.items()).containsExactly(new StockLine(cups, 3), new StockLine(pots, 5));
        assertThat(Shelves.level(cups)).isEqualTo(new Level(7, 3));
        assertThat(Shelves.level(pots)).isEqualTo(new Level(0, 5));
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void oneShortLineRejectsTheWholeOrderAndHoldsNothing(Encoding encoding) {
        String cups = Shelves.stocked(10);
        String pots = Shelves.stocked(1);

        Answer answer = post(encoding, EventTypes.INVENTORY_RESERVE_V1,
                new ReserveInventory(order(), List.of(new StockLine(cups, 3), new StockLine(pots, 2))));

        assertThat(answer.type()).isEqualTo(EventTypes.INVENTORY_REJECTED_V1);
        assertThat(answer.source()).isEqualTo(EventSources.INVENTORY_SERVICE);
        InventoryRejected rejected = as(answer, InventoryRejected.class);
        assertThat(rejected.reason()).isEqualTo("Not enough stock for 1 of 2 lines");
        assertThat(rejected.shortages()).containsExactly(new StockShortage(pots, 2, 1));
        assertThat(Shelves.level(cups)).isEqualTo(new Level(10, 0));
        assertThat(Shelves.level(pots)).isEqualTo(new Level(1, 0));
    }

    @Test
    void unknownSkuIsAShortageWithNothingAvailable() {
        String cups = Shelves.stocked(10);

        Answer answer = post(BINARY, EventTypes.INVENTORY_RESERVE_V1,
                new ReserveInventory(order(), List.of(new StockLine(cups, 1), new StockLine("NO-SUCH-SKU", 4))));

        assertThat(answer.type()).isEqualTo(EventTypes.INVENTORY_REJECTED_V1);
        assertThat(as(answer, InventoryRejected.class).shortages()).containsExactly(new StockShortage("NO-SUCH-SKU", 4, 0));
        assertThat(Shelves.level(cups)).isEqualTo(new Level(10, 0));
    }

    @Test
    void theCatalogsSoldOutSkuIsNeverReserved() {
        Answer answer = post(STRUCTURED, EventTypes.INVENTORY_RESERVE_V1,
                new ReserveInventory(order(), List.of(new StockLine("SKU-SOLD-OUT", 1))));

        assertThat(answer.type()).isEqualTo(EventTypes.INVENTORY_REJECTED_V1);
        assertThat(as(answer, InventoryRejected.class).shortages()).containsExactly(new StockShortage("SKU-SOLD-OUT", 1, 0));
    }

    @Test
    void linesOfOneSkuAreHeldAsOneLine() {
        String cups = Shelves.stocked(10);

        Answer answer = post(BINARY, EventTypes.INVENTORY_RESERVE_V1,
                new ReserveInventory(order(), List.of(new StockLine(cups, 2), new StockLine(cups, 3))));

        assertThat(as(answer, InventoryReserved.class).items()).containsExactly(new StockLine(cups, 5));
        assertThat(Shelves.level(cups)).isEqualTo(new Level(5, 5));
    }

    @Test
    void redeliveredReserveHoldsStockOnceAndAnswersTheSameEvent() {
        String cups = Shelves.stocked(10);
        String eventId = CloudEvents.newId();
        ReserveInventory command = new ReserveInventory(order(), List.of(new StockLine(cups, 4)));

        Answer first = post(BINARY, eventId, EventTypes.INVENTORY_RESERVE_V1, command);
        Answer again = post(STRUCTURED, eventId, EventTypes.INVENTORY_RESERVE_V1, command);

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.data()).isEqualTo(first.data());
        assertThat(Shelves.level(cups)).isEqualTo(new Level(6, 4));
    }

    @Test
    void secondReserveForTheSameOrderAnswersTheReservationItAlreadyHas() {
        String cups = Shelves.stocked(10);
        String orderId = order();

        Answer first = post(BINARY, EventTypes.INVENTORY_RESERVE_V1,
                new ReserveInventory(orderId, List.of(new StockLine(cups, 4))));
        Answer second = post(BINARY, EventTypes.INVENTORY_RESERVE_V1,
                new ReserveInventory(orderId, List.of(new StockLine(cups, 4))));

        assertThat(second.type()).isEqualTo(EventTypes.INVENTORY_RESERVED_V1);
        assertThat(as(second, InventoryReserved.class)).isEqualTo(as(first, InventoryReserved.class));
        assertThat(Shelves.level(cups)).isEqualTo(new Level(6, 4));
    }

    @Test
    void secondReserveAfterARejectionAnswersTheSameRejectionEvenOnceStockArrived() {
        String pots = Shelves.stocked(1);
        String orderId = order();
        ReserveInventory command = new ReserveInventory(orderId, List.of(new StockLine(pots, 3)));

        Answer first = post(BINARY, EventTypes.INVENTORY_RESERVE_V1, command);
        Shelves.set(pots, 50);
        Answer second = post(BINARY, EventTypes.INVENTORY_RESERVE_V1, command);

        assertThat(second.type()).isEqualTo(EventTypes.INVENTORY_REJECTED_V1);
        assertThat(as(second, InventoryRejected.class)).isEqualTo(as(first, InventoryRejected.class));
        assertThat(Shelves.level(pots)).isEqualTo(new Level(50, 0));
    }

    @Test
    void settingTheAvailableStockKeepsWhatIsHeld() {
        String cups = Shelves.stocked(10);
        reserve(order(), cups, 4);

        Shelves.set(cups, 20);

        assertThat(Shelves.level(cups)).isEqualTo(new Level(20, 4));
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void releaseGivesTheHeldStockBack(Encoding encoding) {
        String cups = Shelves.stocked(10);
        String orderId = order();
        InventoryReserved reserved = reserve(orderId, cups, 4);

        Answer answer = post(encoding, EventTypes.INVENTORY_RELEASE_V1,
                new ReleaseInventory(orderId, reserved.reservationId()));

        assertThat(answer.type()).isEqualTo(EventTypes.INVENTORY_RELEASED_V1);
        assertThat(answer.source()).isEqualTo(EventSources.INVENTORY_SERVICE);
        assertThat(as(answer, InventoryReleased.class))
                .isEqualTo(new InventoryReleased(orderId, reserved.reservationId(), List.of(new StockLine(cups, 4))));
        assertThat(Shelves.level(cups)).isEqualTo(new Level(10, 0));
    }

    @Test
    void releaseByOrderAloneGivesTheHeldStockBack() {
        String cups = Shelves.stocked(10);
        String orderId = order();
        InventoryReserved reserved = reserve(orderId, cups, 4);

        Answer answer = post(STRUCTURED, EventTypes.INVENTORY_RELEASE_V1, new ReleaseInventory(orderId, null));

        assertThat(as(answer, InventoryReleased.class))
                .isEqualTo(new InventoryReleased(orderId, reserved.reservationId(), List.of(new StockLine(cups, 4))));
        assertThat(Shelves.level(cups)).isEqualTo(new Level(10, 0));
    }

    @Test
    void releasingTwiceGivesBackNothingTheSecondTime() {
        String cups = Shelves.stocked(10);
        String orderId = order();
        InventoryReserved reserved = reserve(orderId, cups, 4);

        post(BINARY, EventTypes.INVENTORY_RELEASE_V1, new ReleaseInventory(orderId, reserved.reservationId()));
        Answer second = post(BINARY, EventTypes.INVENTORY_RELEASE_V1, new ReleaseInventory(orderId, null));

        assertThat(second.type()).isEqualTo(EventTypes.INVENTORY_RELEASED_V1);
        assertThat(as(second, InventoryReleased.class))
                .isEqualTo(new InventoryReleased(orderId, reserved.reservationId(), List.of()));
        assertThat(Shelves.level(cups)).isEqualTo(new Level(10, 0));
    }

    @Test
    void redeliveredReleaseGivesBackOnce() {
        String cups = Shelves.stocked(10);
        String orderId = order();
        reserve(orderId, cups, 4);
        reserve(order(), cups, 2);
        String eventId = CloudEvents.newId();

        Answer first = post(BINARY, eventId, EventTypes.INVENTORY_RELEASE_V1, new ReleaseInventory(orderId, null));
        Answer again = post(BINARY, eventId, EventTypes.INVENTORY_RELEASE_V1, new ReleaseInventory(orderId, null));

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(as(again, InventoryReleased.class).items()).containsExactly(new StockLine(cups, 4));
        assertThat(Shelves.level(cups)).isEqualTo(new Level(8, 2));
    }

    @Test
    void releaseBeforeAnyReserveLeavesAMarkerThatRefusesTheLateReserve() {
        String cups = Shelves.stocked(10);
        String orderId = order();

        Answer released = post(BINARY, EventTypes.INVENTORY_RELEASE_V1, new ReleaseInventory(orderId, null));
        Answer late = post(BINARY, EventTypes.INVENTORY_RESERVE_V1,
                new ReserveInventory(orderId, List.of(new StockLine(cups, 4))));

        assertThat(released.type()).isEqualTo(EventTypes.INVENTORY_RELEASED_V1);
        InventoryReleased nothing = as(released, InventoryReleased.class);
        assertThat(nothing.reservationId()).startsWith("res-");
        assertThat(nothing.items()).isEmpty();
        assertThat(late.type()).isEqualTo(EventTypes.INVENTORY_REJECTED_V1);
        assertThat(as(late, InventoryRejected.class))
                .isEqualTo(new InventoryRejected(orderId, "order already released", List.of(new StockShortage(cups, 4, 0))));
        assertThat(Shelves.level(cups)).isEqualTo(new Level(10, 0));
    }

    @Test
    void releaseOfARejectedOrderGivesBackNothing() {
        String pots = Shelves.stocked(1);
        String orderId = order();
        post(BINARY, EventTypes.INVENTORY_RESERVE_V1, new ReserveInventory(orderId, List.of(new StockLine(pots, 3))));

        Answer answer = post(BINARY, EventTypes.INVENTORY_RELEASE_V1, new ReleaseInventory(orderId, null));

        assertThat(answer.type()).isEqualTo(EventTypes.INVENTORY_RELEASED_V1);
        assertThat(as(answer, InventoryReleased.class).items()).isEmpty();
        assertThat(Shelves.level(pots)).isEqualTo(new Level(1, 0));
    }

    @Test
    void releaseNamingAnotherOrdersReservationIsUnprocessableAndReleasesNothing() {
        String cups = Shelves.stocked(10);
        InventoryReserved other = reserve(order(), cups, 4);
        String orderId = order();
        reserve(orderId, cups, 1);

        Answer answer = post(BINARY, EventTypes.INVENTORY_RELEASE_V1,
                new ReleaseInventory(orderId, other.reservationId()));

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.data().path("detail").asText()).contains(other.reservationId(), orderId);
        assertThat(Shelves.level(cups)).isEqualTo(new Level(5, 5));
    }

    @Test
    void linesOfOneSkuBeyondTheContractsBoundAreUnprocessable() {
        String cups = Shelves.stocked(20_000);

        Answer answer = post(STRUCTURED, EventTypes.INVENTORY_RESERVE_V1,
                new ReserveInventory(order(), List.of(new StockLine(cups, 6000), new StockLine(cups, 6000))));

        assertThat(answer.status()).isEqualTo(422);
        assertThat(Shelves.level(cups)).isEqualTo(new Level(20_000, 0));
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void dataBreakingTheSchemaIsRefusedWith400(Encoding encoding) {
        String cups = Shelves.stocked(10);

        Answer answer = post(encoding, EventTypes.INVENTORY_RESERVE_V1,
                "{\"orderId\":\"%s\",\"items\":[{\"sku\":\"%s\",\"quantity\":0}]}".formatted(order(), cups));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.data().path("violations").findValuesAsText("pointer")).contains("/items/0/quantity");
        assertThat(Shelves.level(cups)).isEqualTo(new Level(10, 0));
    }

    @Test
    void releaseWithoutAnOrderIsRefusedWith400() {
        Answer answer = post(BINARY, EventTypes.INVENTORY_RELEASE_V1, "{\"reservationId\":\"res-1\"}");

        assertThat(answer.status()).isEqualTo(400);
    }

    private static InventoryReserved reserve(String orderId, String sku, int quantity) {
        Answer answer = post(BINARY, EventTypes.INVENTORY_RESERVE_V1,
                new ReserveInventory(orderId, List.of(new StockLine(sku, quantity))));
        assertThat(answer.type()).isEqualTo(EventTypes.INVENTORY_RESERVED_V1);
        return as(answer, InventoryReserved.class);
    }

    private static String order() {
        return "order-" + CloudEvents.newId();
    }

    private static <T> T as(Answer answer, Class<T> payload) {
        assertThat(answer.status()).as("status of %s", answer.data()).isEqualTo(200);
        JsonNode data = answer.data();
        try {
            return CloudEvents.JSON.treeToValue(data, payload);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(data + " is not a " + payload.getSimpleName(), e);
        }
    }
}
