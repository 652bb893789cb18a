package dev.cascade.contracts;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One way in which event data breaks its schema.
 *
 * @param pointer JSON Pointer (RFC 6901) to the offending value, {@code ""} for the whole document;
 *                for a missing required property, the pointer of where it should be
 * @param message what is wrong, for a client to read
 */
@RegisterForReflection
public record Violation(String pointer, String message) {

    @Override
    public String toString() {
        return (pointer.isEmpty() ? "(document)" : pointer) + ": " + message;
    }
}
