package dev.cascade.order.saga;

import java.util.Objects;

/**
 * An event the saga decided to emit: a command to a participant, or the order's final event.
 *
 * @param type one of {@code EventTypes}
 * @param data the contract record of that type
 */
public record Outgoing(String type, Object data) {

    public Outgoing {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
    }
}
