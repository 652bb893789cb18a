package dev.cascade.contracts.inventory;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.common.StockLine;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@value EventTypes#INVENTORY_RESERVED_V1}: every line is held under {@code reservationId}. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InventoryReserved(String orderId, String reservationId, List<StockLine> items) {

    public InventoryReserved {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
