package dev.cascade.contracts.inventory;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.common.StockLine;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@value EventTypes#INVENTORY_RESERVE_V1}: hold stock for an order, all lines or none. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReserveInventory(String orderId, List<StockLine> items) {

    public ReserveInventory {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
