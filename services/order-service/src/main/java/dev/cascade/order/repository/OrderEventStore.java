package dev.cascade.order.repository;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cascade.contracts.CascadeJson;
import dev.cascade.order.domain.Order;
import dev.cascade.order.domain.OrderEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The event store: loads an order by replaying its events and appends new ones after the version it was loaded at.
 * The unique (aggregate_id, version) is the optimistic lock: of two writers that loaded the same version, the second
 * insert fails (see {@code Conflicts}) and its command is retried on the reloaded order. Works in the caller's
 * transaction.
 */
@ApplicationScoped
public class OrderEventStore {

    private static final ObjectMapper JSON = CascadeJson.newObjectMapper();

    public Uni<Order> load(String orderId) {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(
                                "from StoredEvent where aggregateId = :id order by version", StoredEvent.class)
                        .setParameter("id", orderId)
                        .getResultList())
                .map(rows -> Order.replay(orderId, rows.stream().map(OrderEventStore::decode).toList()));
    }

    /** Appends the order's uncommitted events; the rows come back with their global sequence numbers. */
    public Uni<List<StoredEvent>> append(Order order) {
        int version = order.committedVersion();
        List<StoredEvent> rows = new ArrayList<>();
        for (OrderEvent event : order.uncommitted()) {
            StoredEvent row = new StoredEvent();
            row.aggregateId = order.orderId();
            row.version = ++version;
            row.eventType = event.name();
            row.payload = encode(event);
            row.occurredAt = event.at();
            rows.add(row);
        }
        if (rows.isEmpty()) {
            return Uni.createFrom().item(rows);
        }
        return Panache.getSession()
                .chain(session -> session.persistAll(rows.toArray()).chain(session::flush))
                .replaceWith(rows);
    }

    /** The whole store in global order, for a rebuild of the views. */
    public Uni<List<StoredEvent>> all() {
        return Panache.getSession().chain(session -> session
                .createSelectionQuery("from StoredEvent order by globalSeq", StoredEvent.class)
                .getResultList());
    }

    public static OrderEvent decode(StoredEvent row) {
        try {
            return JSON.readValue(row.payload, OrderEvent.classOf(row.eventType));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored event " + row.globalSeq + " cannot be read", e);
        }
    }

    static String encode(OrderEvent event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("order event " + event.name() + " cannot be written", e);
        }
    }
}
