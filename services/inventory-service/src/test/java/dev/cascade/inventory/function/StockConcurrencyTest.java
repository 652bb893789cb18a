package dev.cascade.inventory.function;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.cascade.contracts.EventSources;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.common.StockLine;
import dev.cascade.contracts.inventory.ReserveInventory;
import dev.cascade.inventory.function.Shelves.Level;
import dev.cascade.testing.CloudEvents;
import dev.cascade.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** Many reserve events at once, as a busy broker delivers them: the row locks must hold. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class StockConcurrencyTest {

    @TestHTTPResource("/")
    URI root;

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void stockNeverGoesNegativeUnderConcurrency() {
        String sku = Shelves.stocked(50);
        List<ReserveInventory> orders = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            orders.add(new ReserveInventory("order-" + CloudEvents.newId(), List.of(new StockLine(sku, 1))));
        }

        Map<String, Long> answers = sendAllAtOnce(orders);

        assertThat(answers).containsOnly(
                Map.entry(EventTypes.INVENTORY_RESERVED_V1, 50L),
                Map.entry(EventTypes.INVENTORY_REJECTED_V1, 150L));
        assertThat(Shelves.level(sku)).isEqualTo(new Level(0, 50));
    }

    @Test
    void ordersLockingSharedSkusFromOppositeEndsNeitherDeadlockNorOversell() {
        String cups = Shelves.stocked(30);
        String pots = Shelves.stocked(30);
        List<ReserveInventory> orders = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            List<StockLine> lines = i % 2 == 0
                    ? List.of(new StockLine(cups, 1), new StockLine(pots, 1))
                    : List.of(new StockLine(pots, 1), new StockLine(cups, 1));
            orders.add(new ReserveInventory("order-" + CloudEvents.newId(), lines));
        }

        Map<String, Long> answers = sendAllAtOnce(orders);

        // A deadlock would surface as a 500 (PostgreSQL aborts one of the two transactions).
        assertThat(answers).containsOnly(
                Map.entry(EventTypes.INVENTORY_RESERVED_V1, 30L),
                Map.entry(EventTypes.INVENTORY_REJECTED_V1, 70L));
        assertThat(Shelves.level(cups)).isEqualTo(new Level(0, 30));
        assertThat(Shelves.level(pots)).isEqualTo(new Level(0, 30));
    }

    /** Sends every command before waiting for any answer; counts the answers by reply type, or by status if refused. */
    private Map<String, Long> sendAllAtOnce(List<ReserveInventory> commands) {
        List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
        for (ReserveInventory command : commands) {
            HttpRequest request = HttpRequest.newBuilder(root)
                    .header("ce-specversion", "1.0")
                    .header("ce-id", CloudEvents.newId())
                    .header("ce-source", EventSources.ORDER_SERVICE)
                    .header("ce-type", EventTypes.INVENTORY_RESERVE_V1)
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json(command)))
                    .build();
            pending.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        return pending.stream()
                .map(CompletableFuture::join)
                .map(response -> response.statusCode() == 200
                        ? response.headers().firstValue("ce-type").orElse("no ce-type")
                        : "status " + response.statusCode() + ": " + response.body())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static String json(Object data) {
        try {
            return CloudEvents.JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
