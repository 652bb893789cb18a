package dev.cascade.contracts.payment;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;

import dev.cascade.contracts.EventTypes;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@value EventTypes#PAYMENT_AUTHORIZED_V1}: {@code amount} is held under {@code paymentId}. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PaymentAuthorized(
        String orderId,
        String paymentId,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount) {
}
