package dev.cascade.contracts.payment;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;

import dev.cascade.contracts.EventTypes;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@value EventTypes#PAYMENT_DECLINED_V1}: the provider refused. {@code paymentId} names the failed
 * attempt; {@code reason} is text fit to show the customer.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PaymentDeclined(
        String orderId,
        String paymentId,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
        String reason) {
}
