package dev.cascade.contracts.order;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;

import dev.cascade.contracts.EventTypes;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@value EventTypes#ORDER_CONFIRMED_V1}: stock reserved, payment authorized and shipment scheduled.
 * {@code trackingNumber} is absent when the carrier has not assigned one yet.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderConfirmed(
        String orderId,
        String customerId,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal total,
        String paymentId,
        String shipmentId,
        String trackingNumber,
        Instant confirmedAt) {
}
