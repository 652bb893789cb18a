package dev.cascade.functions;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cascade.contracts.CascadeJson;
import dev.cascade.contracts.EventValidator;
import dev.cascade.contracts.InvalidEventDataException;

/**
 * The schema check every function runs on its input before acting on it. Funqy has already bound the data to
 * the contract record; the record is checked against the type's JSON Schema, so a missing field or a value out
 * of range is refused with 400 (see {@link EventFailureRoutes}) and never retried.
 */
public final class IncomingEvents {

    private static final EventValidator VALIDATOR = EventValidator.create();
    private static final ObjectMapper JSON = CascadeJson.newObjectMapper();

    private IncomingEvents() {
    }

    /**
     * Returns {@code data} if it satisfies the schema of {@code type}.
     *
     * @throws InvalidEventDataException naming every violation, when it does not (or when data is absent)
     */
    public static <T> T requireValid(String type, T data) {
        VALIDATOR.requireValid(type, JSON.valueToTree(data));
        return data;
    }
}
