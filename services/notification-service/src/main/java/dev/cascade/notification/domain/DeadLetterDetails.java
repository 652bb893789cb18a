package dev.cascade.notification.domain;

import java.util.Objects;

import dev.cascade.contracts.deadletter.DeadLetterRecorded;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What an operator alert keeps of the dead letter it is about: dead-letter-service's id for it, the dead event's
 * own attributes and Knative's error attributes, each cleaned of control characters ({@link EventText}).
 *
 * @param errorCode the HTTP status of the last delivery attempt; {@code null} when there was no response
 * @param errorDest the subscriber that kept failing; {@code null} when Knative did not name it
 */
// Listed by GET /notifications inside NotificationView: registered for a native build's Jackson.
@RegisterForReflection
public record DeadLetterDetails(
        String deadLetterId,
        String eventId,
        String eventSource,
        String eventType,
        Integer errorCode,
        String errorDest) {

    public DeadLetterDetails {
        Objects.requireNonNull(deadLetterId, "deadLetterId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventSource, "eventSource");
        Objects.requireNonNull(eventType, "eventType");
    }

    public static DeadLetterDetails of(DeadLetterRecorded recorded) {
        return new DeadLetterDetails(EventText.clean(recorded.deadLetterId()), EventText.clean(recorded.eventId()),
                EventText.clean(recorded.eventSource()), EventText.clean(recorded.eventType()), recorded.errorCode(),
                EventText.clean(recorded.errorDest()));
    }
}
