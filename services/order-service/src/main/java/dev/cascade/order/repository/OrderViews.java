package dev.cascade.order.repository;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cascade.contracts.CascadeJson;
import dev.cascade.contracts.common.LineItem;
import dev.cascade.contracts.order.CancellationReason;
import dev.cascade.order.domain.OrderStatus;
import dev.cascade.order.view.OrderSummary;
import dev.cascade.order.view.OrderSummaryProjector;
import dev.cascade.order.view.TimelineEntry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The order summary and customer history views (one table, {@code order_summary}, indexed by customer): kept by
 * {@link OrderSummaryProjector} in the transaction that appends the events, and rebuilt from the store on demand.
 */
@ApplicationScoped
public class OrderViews {

    private static final ObjectMapper JSON = CascadeJson.newObjectMapper();
    private static final TypeReference<List<LineItem>> ITEMS = new TypeReference<>() {
    };
    private static final TypeReference<List<TimelineEntry>> TIMELINE = new TypeReference<>() {
    };

    private final OrderSummaryProjector projector = new OrderSummaryProjector();

    /** What a rebuild replayed. */
    public record Rebuilt(long events, int orders) {
    }

    /** Applies just appended events, in the caller's transaction. */
    public Uni<Void> project(List<StoredEvent> events) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (StoredEvent event : events) {
            chain = chain.chain(() -> Panache.getSession().chain(session -> projectOne(session, event)));
        }
        return chain;
    }

    private Uni<Void> projectOne(Mutiny.Session session, StoredEvent event) {
        return session.find(OrderSummaryRow.class, event.aggregateId).chain(row -> {
            if (row != null && row.lastGlobalSeq >= event.globalSeq) {
                return Uni.createFrom().voidItem();
            }
            OrderSummary next = projector.apply(row == null ? null : toSummary(row),
                    OrderEventStore.decode(event));
            OrderSummaryRow target = row == null ? new OrderSummaryRow() : row;
            write(next, event.globalSeq, target);
            return row == null ? session.persist(target) : Uni.createFrom().voidItem();
        });
    }

    public Uni<OrderSummary> find(String orderId) {
        return Panache.getSession()
                .chain(session -> session.find(OrderSummaryRow.class, orderId))
                .map(row -> row == null ? null : toSummary(row));
    }

    /** A customer's orders, newest first. */
    public Uni<List<OrderSummary>> history(String customerId) {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(
                                "from OrderSummaryRow where customerId = :customer order by placedAt desc, orderId desc",
                                OrderSummaryRow.class)
                        .setParameter("customer", customerId)
                        .getResultList())
                .map(rows -> rows.stream().map(OrderViews::toSummary).toList());
    }

    /**
     * Wipes the views and replays the whole store in global order, in one transaction. The view table is locked
     * exclusively meanwhile: a live projection waits and then applies its event to the rebuilt row, and readers
     * never see the view half rebuilt.
     */
    public Uni<Rebuilt> rebuild(OrderEventStore store) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("lock table order_summary in access exclusive mode").executeUpdate()
                .chain(() -> session.createMutationQuery("delete from OrderSummaryRow").executeUpdate())
                .chain(store::all)
                .chain(events -> {
                    Map<String, OrderSummary> views = new LinkedHashMap<>();
                    Map<String, Long> lastSeq = new LinkedHashMap<>();
                    for (StoredEvent event : events) {
                        views.put(event.aggregateId,
                                projector.apply(views.get(event.aggregateId), OrderEventStore.decode(event)));
                        lastSeq.put(event.aggregateId, event.globalSeq);
                    }
                    Object[] rows = views.values().stream().map(summary -> {
                        OrderSummaryRow row = new OrderSummaryRow();
                        write(summary, lastSeq.get(summary.orderId()), row);
                        return row;
                    }).toArray();
                    return session.persistAll(rows).chain(session::flush)
                            .replaceWith(new Rebuilt(events.size(), views.size()));
                }));
    }

    private static void write(OrderSummary summary, long globalSeq, OrderSummaryRow row) {
        row.orderId = summary.orderId();
        row.customerId = summary.customerId();
        row.status = summary.status().name();
        row.cancellationReason = summary.cancellationReason() == null ? null : summary.cancellationReason().name();
        row.cancellationDetail = summary.cancellationDetail();
        row.total = summary.total();
        row.items = json(summary.items());
        row.timeline = json(summary.timeline());
        row.paymentId = summary.paymentId();
        row.shipmentId = summary.shipmentId();
        row.trackingNumber = summary.trackingNumber();
        row.placedAt = summary.placedAt();
        row.lastGlobalSeq = globalSeq;
    }

    static OrderSummary toSummary(OrderSummaryRow row) {
        try {
            return new OrderSummary(row.orderId, row.customerId, OrderStatus.valueOf(row.status),
                    row.cancellationReason == null ? null : CancellationReason.valueOf(row.cancellationReason),
                    row.cancellationDetail, row.total, JSON.readValue(row.items, ITEMS),
                    JSON.readValue(row.timeline, TIMELINE), row.paymentId, row.shipmentId, row.trackingNumber,
                    row.placedAt);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("summary of " + row.orderId + " cannot be read", e);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
