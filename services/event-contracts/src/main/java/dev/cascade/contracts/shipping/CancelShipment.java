package dev.cascade.contracts.shipping;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.cascade.contracts.EventTypes;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@value EventTypes#SHIPMENT_CANCEL_V1}: compensation; release the carrier booking. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CancelShipment(String orderId, String shipmentId) {
}
