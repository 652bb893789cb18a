package dev.cascade.contracts.common;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A quantity of one SKU, without price: what inventory and shipping care about. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StockLine(String sku, int quantity) {
}
