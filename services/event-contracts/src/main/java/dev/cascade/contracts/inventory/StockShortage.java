package dev.cascade.contracts.inventory;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A line that could not be reserved: {@code available} is what was on hand (0 for unknown SKUs). */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StockShortage(String sku, int requested, int available) {
}
