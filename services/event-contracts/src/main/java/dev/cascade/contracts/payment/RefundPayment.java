package dev.cascade.contracts.payment;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;

import dev.cascade.contracts.EventTypes;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@value EventTypes#PAYMENT_REFUND_V1}: compensation; give back an authorized payment. {@code paymentId} is absent
 * when the saga never received the authorization: the order's payment is refunded, and if there is none yet, an
 * authorize that arrives later is declined.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RefundPayment(
        String orderId,
        String paymentId,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount) {
}
