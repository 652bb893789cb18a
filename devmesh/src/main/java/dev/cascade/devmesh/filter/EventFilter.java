package dev.cascade.devmesh.filter;

import io.cloudevents.CloudEvent;

/**
 * A compiled Trigger filter. Implementations returned by {@link TriggerFilters#compile} are immutable and safe to
 * share between threads; build one per Trigger and call it for every event.
 */
@FunctionalInterface
public interface EventFilter {

    FilterResult filter(CloudEvent event);

    /** Whether the Trigger delivers the event: the top-level result is not {@link FilterResult#FAIL}. */
    default boolean matches(CloudEvent event) {
        return filter(event).matches();
    }
}
