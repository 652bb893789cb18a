package dev.cascade.contracts.common;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A postal address; {@code country} is an ISO 3166-1 alpha-2 code such as {@code "DE"}. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Address(String name, String line1, String city, String postalCode, String country) {
}
