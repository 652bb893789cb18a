package dev.cascade.deadletter.rest;

import java.time.Instant;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.cascade.deadletter.repository.DeadLetterRepository;
import dev.cascade.deadletter.service.BrokerSink.SinkFailure;
import dev.cascade.deadletter.service.DeadLetterService;
import dev.cascade.deadletter.service.DeadLetterService.NoBroker;
import dev.cascade.deadletter.service.DeadLetterService.UnknownDeadLetter;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** What operators do with dead letters: look at them, and send them again once the cause is fixed. */
@Path("/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
public class DeadLetterResource {

    static final int MAX_LIMIT = 1000;

    private final DeadLetterRepository repository;
    private final DeadLetterService deadLetters;

    DeadLetterResource(DeadLetterRepository repository, DeadLetterService deadLetters) {
        this.repository = repository;
        this.deadLetters = deadLetters;
    }

    /** The newest dead letters first, at most {@code limit} (up to {@value #MAX_LIMIT}), of one type if given. */
    @GET
    @WithSession
    public Uni<Response> list(@QueryParam("type") String type, @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            return Uni.createFrom().item(Problems.of(400, "bad-request", "Bad request",
                    "limit must be between 1 and " + MAX_LIMIT));
        }
        String only = type == null || type.isBlank() ? null : type;
        return repository.newest(only, limit)
                .map(records -> Response.ok(records.stream().map(DeadLetterSummary::of).toList()).build());
    }

    @GET
    @Path("/{id}")
    @WithSession
    public Uni<DeadLetterDetail> get(@PathParam("id") String id) {
        return repository.findById(id)
                .onItem().ifNull().failWith(() -> new NotFoundException(notFound(id)))
                .map(DeadLetterDetail::of);
    }

    /**
     * Sends the original event (without Knative's error extensions) to the broker at {@code K_SINK} and counts
     * the redrive: 202 with the updated count, 404 for an unknown id, 409 without {@code K_SINK}, 502 when the
     * broker did not take the event (nothing is counted then).
     */
    @POST
    @Path("/{id}/redrive")
    public Uni<Response> redrive(@PathParam("id") String id) {
        return deadLetters.redrive(id)
                .map(record -> Response.accepted(new Redriven(record.id, record.redriveCount, record.redrivenAt))
                        .type(MediaType.APPLICATION_JSON).build())
                .onFailure(UnknownDeadLetter.class).recoverWithItem(() -> notFound(id))
                .onFailure(NoBroker.class).recoverWithItem(failure -> Problems.of(409, "no-broker",
                        "There is no broker to redrive to", failure.getMessage()))
                .onFailure(SinkFailure.class).recoverWithItem(failure -> Problems.of(502, "broker-refused",
                        "The broker did not take the event", failure.getMessage()));
    }

    /** The answer to a redrive. */
    public record Redriven(String id, int redriveCount, Instant redrivenAt) {
    }

    private static Response notFound(String id) {
        return Problems.of(404, "not-found", "No such dead letter", "No dead letter " + id);
    }
}
