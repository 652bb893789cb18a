package dev.cascade.order.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.inventory.ReleaseInventory;
import dev.cascade.functions.ProcessedEvents;
import dev.cascade.functions.TraceHeaders;
import dev.cascade.order.it.RecordingBroker;
import dev.cascade.order.repository.OutboxEntry;
import dev.cascade.order.saga.Outgoing;
import dev.cascade.testing.PostgresTestResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** The outbox's hand-off: rows written in a batch are born leased, no scan posts them, the batch's owner does. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RecordingBroker.class)
class OutboxHandOffTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Test
    void rowsWrittenInABatchAreBornLeasedAndLeaveWhenTheBatchIsHandedOver() {
        String orderId = "handoff-" + System.nanoTime();
        Instant now = Instant.now();
        OutboxBatch batch = new OutboxBatch();
        ProcessedEvents.await(() -> Panache.withTransaction(() -> batch.collecting(() -> outbox.add(
                List.of(new Outgoing(EventTypes.INVENTORY_RELEASE_V1, new ReleaseInventory(orderId, "res-1"))),
                orderId, TraceHeaders.NONE, now))));

        assertThat(batch.rows()).singleElement().satisfies(row -> {
            assertThat(row.subject).isEqualTo(orderId);
            assertThat(row.nextAttemptAt).isAfter(now.plus(Duration.ofSeconds(30)));
        });
        OutboxEntry stored = ProcessedEvents.await(() -> Panache.withSession(
                () -> OutboxEntry.<OutboxEntry>findById(batch.rows().get(0).eventId)));
        assertThat(stored.nextAttemptAt).isAfter(now.plus(Duration.ofSeconds(30)));
        // Leased to this process: the scans that run meanwhile leave it alone.
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> received(orderId).isEmpty());

        relay.publish(batch);

        await().atMost(Duration.ofSeconds(10)).until(() -> received(orderId).size() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessedEvents.await(() -> Panache.withSession(
                () -> OutboxEntry.<OutboxEntry>findById(stored.eventId))).publishedAt != null);
    }

    @Test
    void rowsWrittenOutsideABatchAreDueAtOnceForTheScan() {
        String orderId = "scanned-" + System.nanoTime();
        Instant now = Instant.now();
        ProcessedEvents.await(() -> Panache.withTransaction(() -> outbox.add(
                List.of(new Outgoing(EventTypes.INVENTORY_RELEASE_V1, new ReleaseInventory(orderId, "res-2"))),
                orderId, TraceHeaders.NONE, now)));
        relay.wake();

        await().atMost(Duration.ofSeconds(10)).until(() -> received(orderId).size() == 1);
    }

    private static List<JsonNode> received(String orderId) {
        String body = RestAssured.given()
                .baseUri(ConfigProvider.getConfig().getValue(RecordingBroker.URL_PROPERTY, String.class))
                .get("/received").then().statusCode(200).extract().asString();
        try {
            List<JsonNode> all = JSON.readValue(body,
                    JSON.getTypeFactory().constructCollectionType(List.class, JsonNode.class));
            return all.stream()
                    .filter(event -> event.path("subject").asText().equals(orderId))
                    .toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
