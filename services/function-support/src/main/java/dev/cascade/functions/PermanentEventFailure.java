package dev.cascade.functions;

/**
 * An event that can never be handled, however often it is delivered: a business rule it breaks, a reference
 * to something that does not exist. Thrown from a function, it is answered {@code 422 Unprocessable Entity},
 * which Knative does not retry, so the event goes straight to the Trigger's dead-letter sink. Funqy answers
 * every other exception with 500, which the broker retries: keep that for what may succeed later.
 */
public class PermanentEventFailure extends RuntimeException {

    public PermanentEventFailure(String message) {
        super(message);
    }

    public PermanentEventFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
