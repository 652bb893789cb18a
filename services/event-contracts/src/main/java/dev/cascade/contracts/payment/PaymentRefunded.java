package dev.cascade.contracts.payment;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;

import dev.cascade.contracts.EventTypes;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@value EventTypes#PAYMENT_REFUNDED_V1}: the payment has been given back. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PaymentRefunded(
        String orderId,
        String paymentId,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount) {
}
