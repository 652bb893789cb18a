package dev.cascade.contracts.shipping;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.common.Address;
import dev.cascade.contracts.common.StockLine;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@value EventTypes#SHIPMENT_SCHEDULE_V1}: book a carrier for the reserved items. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScheduleShipment(String orderId, Address shippingAddress, List<StockLine> items) {

    public ScheduleShipment {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
