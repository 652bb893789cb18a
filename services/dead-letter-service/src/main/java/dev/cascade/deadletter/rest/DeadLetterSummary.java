package dev.cascade.deadletter.rest;

import java.time.Instant;

import dev.cascade.deadletter.repository.DeadLetterRecord;

/** A dead letter as {@code GET /dead-letters} lists it. The Knative names are kept, as operators search for them. */
public record DeadLetterSummary(
        String id,
        String eventId,
        String source,
        String type,
        String knativeerrorcode,
        String knativeerrordest,
        Instant receivedAt) {

    static DeadLetterSummary of(DeadLetterRecord record) {
        return new DeadLetterSummary(record.id, record.eventId, record.source, record.type, record.errorCode, record.errorDest,
                record.receivedAt);
    }
}
