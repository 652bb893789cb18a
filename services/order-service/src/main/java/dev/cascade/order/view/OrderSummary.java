package dev.cascade.order.view;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonFormat;

import dev.cascade.contracts.common.LineItem;
import dev.cascade.contracts.order.CancellationReason;
import dev.cascade.order.domain.OrderStatus;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The order summary view: what {@code GET /orders/{id}} answers, and one entry of a customer's history. */
@RegisterForReflection
public record OrderSummary(
        String orderId,
        String customerId,
        OrderStatus status,
        CancellationReason cancellationReason,
        String cancellationDetail,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal total,
        List<LineItem> items,
        List<TimelineEntry> timeline,
        String paymentId,
        String shipmentId,
        String trackingNumber,
        Instant placedAt) {

    public OrderSummary {
        items = List.copyOf(items);
        timeline = List.copyOf(timeline);
    }
}
