package dev.cascade.contracts.inventory;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.cascade.contracts.EventTypes;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@value EventTypes#INVENTORY_REJECTED_V1}: nothing was reserved; {@code shortages} says why. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InventoryRejected(String orderId, String reason, List<StockShortage> shortages) {

    public InventoryRejected {
        shortages = shortages == null ? List.of() : List.copyOf(shortages);
    }
}
