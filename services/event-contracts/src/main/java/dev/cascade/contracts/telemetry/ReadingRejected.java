package dev.cascade.contracts.telemetry;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import dev.cascade.contracts.EventTypes;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@value EventTypes#TELEMETRY_READING_REJECTED_V1}: a reading the telemetry-service refused.
 * {@code reading} is the input as received: its JSON value, or a JSON string holding the raw text
 * (cut to at most 4096 characters) when it was not JSON.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReadingRejected(JsonNode reading, RejectionReason reason, String detail, Instant rejectedAt) {
}
