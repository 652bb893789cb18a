package dev.cascade.contracts.order;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.cascade.contracts.EventTypes;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@value EventTypes#ORDER_CANCELLED_V1}: the order will not be fulfilled; every completed step has
 * been compensated. {@code detail} is optional, human-readable text.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderCancelled(
        String orderId,
        String customerId,
        CancellationReason reason,
        String detail,
        Instant cancelledAt) {
}
