package dev.cascade.contracts.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;

import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.common.Address;
import dev.cascade.contracts.common.LineItem;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@value EventTypes#ORDER_PLACED_V1}: the order-service accepted an order; the saga starts here.
 * The payment token is deliberately absent: it stays in the order-service's own store.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderPlaced(
        String orderId,
        String customerId,
        List<LineItem> items,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal total,
        Address shippingAddress,
        Instant placedAt) {

    public OrderPlaced {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
