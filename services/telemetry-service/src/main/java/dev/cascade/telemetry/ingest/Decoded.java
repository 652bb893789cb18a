package dev.cascade.telemetry.ingest;

import com.fasterxml.jackson.databind.JsonNode;

import dev.cascade.contracts.telemetry.Reading;
import dev.cascade.contracts.telemetry.RejectionReason;

/**
 * One Kafka record after decoding: a schema-valid {@link Reading}, or a rejection. {@code input} is what a rejection
 * reports as the reading: the event data when there was some, else the whole JSON, else the raw text.
 */
public record Decoded(JsonNode input, Reading reading, RejectionReason reason, String detail, String traceparent) {

    static Decoded valid(JsonNode input, Reading reading, String traceparent) {
        return new Decoded(input, reading, null, null, traceparent);
    }

    static Decoded invalid(JsonNode input, RejectionReason reason, String detail) {
        return new Decoded(input, null, reason, detail, null);
    }

    public boolean isValid() {
        return reading != null;
    }
}
