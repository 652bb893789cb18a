package dev.cascade.functions;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.cascade.contracts.InvalidEventDataException;
import dev.cascade.contracts.Violation;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers permanent failures with a 4xx that Knative does not retry, instead of the 500 Funqy gives every
 * exception (which the broker would retry until the dead-letter sink, a retry storm for nothing):
 * <ul>
 * <li>{@link InvalidEventDataException} (the data breaks its schema) → {@code 400 Bad Request};</li>
 * <li>data Funqy cannot even bind to the contract record (not JSON, an unknown enum constant, a string where an
 * object belongs) → {@code 400 Bad Request}: Funqy answers it 500, yet the same bytes can never bind;</li>
 * <li>{@link PermanentEventFailure} (a business rule, an unknown reference) → {@code 422 Unprocessable Entity};</li>
 * <li>{@link Overloaded} → {@code 429 Too Many Requests} with {@code Retry-After}, which Knative does retry.</li>
 * </ul>
 * Both carry an {@code application/problem+json} body. Anything else keeps Funqy's 500 and is retried.
 * Knative retries 404, 408, 409, 429 and 5xx only, so both codes go straight to the dead-letter sink.
 */
@ApplicationScoped
public class EventFailureRoutes {

    private static final Logger LOG = Logger.getLogger(EventFailureRoutes.class);

    void install(@Observes Router router) {
        // A failure handler on a route matching every path, placed first, sees each failure before Quarkus does.
        router.route().order(Integer.MIN_VALUE).failureHandler(this::answer);
    }

    private void answer(RoutingContext context) {
        Throwable failure = context.failure();
        Overloaded overloaded = find(failure, Overloaded.class);
        if (overloaded != null && !context.response().headWritten()) {
            context.response()
                    .setStatusCode(429)
                    .putHeader("Retry-After", String.valueOf(overloaded.retryAfterSeconds()))
                    .putHeader("Content-Type", Problems.MEDIA_TYPE)
                    .end(Problems.body(429, "overloaded", "Too many requests", overloaded.getMessage()).toString());
            return;
        }
        InvalidEventDataException invalid = find(failure, InvalidEventDataException.class);
        Throwable unreadable = invalid == null ? unreadable(failure) : null;
        PermanentEventFailure permanent = invalid == null && unreadable == null
                ? find(failure, PermanentEventFailure.class)
                : null;
        if ((invalid == null && unreadable == null && permanent == null) || context.response().headWritten()) {
            context.next();
            return;
        }
        ObjectNode problem;
        if (invalid != null) {
            problem = Problems.body(400, "invalid-event-data", "The event data breaks its schema", invalid.getMessage());
            var violations = problem.putArray("violations");
            for (Violation violation : invalid.getViolations()) {
                violations.addObject().put("pointer", violation.pointer()).put("message", violation.message());
            }
        } else if (unreadable != null) {
            problem = Problems.body(400, "invalid-event-data", "The event data breaks its schema",
                    "The event data cannot be read as its contract type: "
                            + String.valueOf(unreadable.getMessage()).lines().findFirst().orElse(""));
        } else {
            problem = Problems.body(422, "unprocessable-event", "The event cannot be processed", permanent.getMessage());
        }
        int status = problem.get("status").asInt();
        LOG.warnf("Answered %d to %s %s: %s", status, context.request().method(), context.request().path(),
                problem.get("detail").asText().replaceAll("\\p{Cntrl}", " "));
        context.response()
                .setStatusCode(status)
                .putHeader("Content-Type", Problems.MEDIA_TYPE)
                .end(problem.toString());
    }

    /** Jackson's verdict on the request's data; only input errors, so a reply that cannot be written stays 500. */
    private static Throwable unreadable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JsonParseException || t instanceof MismatchedInputException) {
                return t;
            }
        }
        return null;
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> kind) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (kind.isInstance(t)) {
                return kind.cast(t);
            }
        }
        return null;
    }
}
