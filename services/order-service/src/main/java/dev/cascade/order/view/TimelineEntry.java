package dev.cascade.order.view;

import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One line of an order's history, as a customer or an operator reads it. */
@RegisterForReflection
public record TimelineEntry(Instant at, String what) {
}
