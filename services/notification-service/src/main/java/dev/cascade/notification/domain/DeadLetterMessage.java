package dev.cascade.notification.domain;

import java.time.Instant;

/** The email that tells the operators an event could not be delivered, and where to look at it. */
public final class DeadLetterMessage {

    private DeadLetterMessage() {
    }

    public static Message of(DeadLetterDetails deadLetter, Instant receivedAt) {
        String subscriber = deadLetter.errorDest() == null || deadLetter.errorDest().isEmpty()
                ? "Knative did not name the subscriber"
                : "Subscriber: " + deadLetter.errorDest();
        String answer = deadLetter.errorCode() == null
                ? "No HTTP response came back."
                : "Last answer: HTTP " + deadLetter.errorCode() + ".";
        return new Message(
                "Dead letter " + deadLetter.deadLetterId() + ": " + deadLetter.eventType() + " from "
                        + deadLetter.eventSource() + " was not delivered",
                "Hello,\n\n"
                        + "Knative gave up delivering event " + deadLetter.eventId() + " of type "
                        + deadLetter.eventType() + " from " + deadLetter.eventSource()
                        + "; dead-letter-service stored it at " + receivedAt + " as dead letter "
                        + deadLetter.deadLetterId() + ".\n\n"
                        + subscriber + ". " + answer + "\n\n"
                        + "Inspect it with GET /dead-letters/" + deadLetter.deadLetterId()
                        + " on dead-letter-service, and once the cause is fixed send it again with"
                        + " POST /dead-letters/" + deadLetter.deadLetterId() + "/redrive.\n\n"
                        + "Cascade");
    }
}
