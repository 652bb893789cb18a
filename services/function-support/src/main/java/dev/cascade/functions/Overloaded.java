package dev.cascade.functions;

/**
 * The service takes no more work for now: answered {@code 429 Too Many Requests} with {@code Retry-After}, which
 * Knative retries with its backoff, so an event waits in the broker instead of piling up behind the service.
 */
public class Overloaded extends RuntimeException {

    private final int retryAfterSeconds;

    public Overloaded(String message, int retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
