package dev.cascade.contracts.payment;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;

import dev.cascade.contracts.EventTypes;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@value EventTypes#PAYMENT_AUTHORIZE_V1}: hold {@code amount} on the customer's payment method. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuthorizePayment(
        String orderId,
        String customerId,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
        String method,
        String token) {
}
