package dev.cascade.order.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import dev.cascade.order.domain.OrderEvent;
import dev.cascade.order.domain.OrderStatus;
import dev.cascade.order.saga.SagaIds;

/**
 * Folds store events into the order summary view. A pure function of the events, so the live projection (one event
 * at a time, as they are appended) and a rebuild (the whole store replayed in global order) give the same view.
 */
public final class OrderSummaryProjector {

    /**
     * The summary after {@code event}.
     *
     * @param current the summary before it, {@code null} before the order was placed
     * @throws IllegalStateException for an event of an order that was never placed
     */
    public OrderSummary apply(OrderSummary current, OrderEvent event) {
        if (event instanceof OrderEvent.Placed placed) {
            return new OrderSummary(placed.orderId(), placed.customerId(), OrderStatus.PENDING, null, null,
                    placed.total(), placed.items(),
                    List.of(new TimelineEntry(placed.at(), "order placed: " + placed.items().size()
                            + (placed.items().size() == 1 ? " line" : " lines") + ", total " + placed.total())),
                    null, null, null, placed.at());
        }
        if (current == null) {
            throw new IllegalStateException(event.name() + " for an order that was never placed");
        }
        OrderSummary s = current;
        if (event instanceof OrderEvent.StepSucceeded succeeded) {
            Map<String, String> ids = succeeded.ids();
            return with(new OrderSummary(s.orderId(), s.customerId(), s.status(), s.cancellationReason(),
                    s.cancellationDetail(), s.total(), s.items(), s.timeline(),
                    ids.getOrDefault(SagaIds.PAYMENT_ID, s.paymentId()),
                    ids.getOrDefault(SagaIds.SHIPMENT_ID, s.shipmentId()),
                    ids.getOrDefault(SagaIds.TRACKING_NUMBER, s.trackingNumber()), s.placedAt()),
                    event, succeeded.step() + ": done" + describe(ids));
        }
        if (event instanceof OrderEvent.StepFailed failed) {
            return with(s, event, failed.step() + ": refused, " + failed.reason()
                    + (failed.detail() == null ? "" : " (" + failed.detail() + ")"));
        }
        if (event instanceof OrderEvent.StepTimedOut timedOut) {
            return with(s, event, timedOut.step() + ": no answer in time, compensating");
        }
        if (event instanceof OrderEvent.StepCompensated compensated) {
            return with(s, event, compensated.step() + ": undone");
        }
        if (event instanceof OrderEvent.Confirmed) {
            return with(withStatus(s, OrderStatus.CONFIRMED, null, null), event, "order confirmed");
        }
        OrderEvent.Cancelled cancelled = (OrderEvent.Cancelled) event;
        return with(withStatus(s, OrderStatus.CANCELLED, cancelled.reason(), cancelled.detail()), event,
                "order cancelled: " + cancelled.reason());
    }

    private static OrderSummary withStatus(OrderSummary s, OrderStatus status,
            dev.cascade.contracts.order.CancellationReason reason, String detail) {
        return new OrderSummary(s.orderId(), s.customerId(), status, reason, detail, s.total(), s.items(),
                s.timeline(), s.paymentId(), s.shipmentId(), s.trackingNumber(), s.placedAt());
    }

    private static OrderSummary with(OrderSummary s, OrderEvent event, String what) {
        List<TimelineEntry> timeline = new ArrayList<>(s.timeline());
        timeline.add(new TimelineEntry(event.at(), what));
        return new OrderSummary(s.orderId(), s.customerId(), s.status(), s.cancellationReason(),
                s.cancellationDetail(), s.total(), s.items(), timeline, s.paymentId(), s.shipmentId(),
                s.trackingNumber(), s.placedAt());
    }

    private static String describe(Map<String, String> ids) {
        if (ids.isEmpty()) {
            return "";
        }
        return ids.entrySet().stream()
                .filter(e -> Objects.nonNull(e.getValue()))
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ", " (", ")"));
    }
}
