package dev.cascade.contracts.shipping;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.cascade.contracts.EventTypes;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@value EventTypes#SHIPMENT_CANCELLED_V1}: the carrier booking is released. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShipmentCancelled(String orderId, String shipmentId) {
}
