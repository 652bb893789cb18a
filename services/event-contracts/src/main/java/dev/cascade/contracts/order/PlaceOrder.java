package dev.cascade.contracts.order;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.common.Address;
import dev.cascade.contracts.common.LineItem;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@value EventTypes#ORDER_PLACE_V1}: a customer asks for an order. The client chooses
 * {@code orderId}, which makes a resent command recognisable.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlaceOrder(
        String orderId,
        String customerId,
        List<LineItem> items,
        PaymentDetails payment,
        Address shippingAddress) {

    public PlaceOrder {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
