package dev.cascade.contracts.common;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One line of an order: what, how many, and the price of one unit when the order was placed. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LineItem(
        String sku,
        int quantity,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal unitPrice) {
}
