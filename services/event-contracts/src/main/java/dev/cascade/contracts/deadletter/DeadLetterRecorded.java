package dev.cascade.contracts.deadletter;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.cascade.contracts.EventTypes;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@value EventTypes#DEADLETTER_RECORDED_V1}: an event Knative could not deliver has been stored.
 * {@code eventId}, {@code eventSource} and {@code eventType} are the dead event's own attributes;
 * {@code errorCode} and {@code errorDest} come from Knative's dead-letter extensions and are absent
 * when Knative did not set them (for example when no HTTP response came back at all).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetterRecorded(
        String deadLetterId,
        String eventId,
        String eventSource,
        String eventType,
        Integer errorCode,
        String errorDest,
        Instant receivedAt) {
}
