package dev.cascade.contracts.order;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * How the customer pays: a method such as {@code card} and an opaque token from the payment
 * provider. Never card numbers.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PaymentDetails(String method, String token) {
}
