package dev.cascade.deadletter.service;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cascade.contracts.DataSchemas;
import dev.cascade.contracts.EventSources;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.EventValidator;
import dev.cascade.contracts.ValidationResult;
import dev.cascade.contracts.deadletter.DeadLetterRecorded;
import dev.cascade.contracts.observability.CascadeMetrics;
import dev.cascade.deadletter.domain.DeadLetter;
import dev.cascade.deadletter.domain.Redrive;
import dev.cascade.deadletter.observability.Traces;
import dev.cascade.deadletter.repository.DeadLetterRecord;
import dev.cascade.deadletter.repository.DeadLetterRepository;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.context.Context;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Stores dead letters, announces them, and redrives them on request. */
@ApplicationScoped
public class DeadLetterService {

    private static final Logger LOG = Logger.getLogger(DeadLetterService.class);
    private static final EventValidator VALIDATOR = EventValidator.create();

    private final DeadLetterRepository deadLetters;
    private final BrokerSink broker;
    private final ObjectMapper json;
    private final MeterRegistry registry;

    DeadLetterService(DeadLetterRepository deadLetters, BrokerSink broker, ObjectMapper json, MeterRegistry registry) {
        this.deadLetters = deadLetters;
        this.broker = broker;
        this.json = json;
        this.registry = registry;
    }

    /**
     * Stores the dead letter of {@code event} unless it is stored already (the same event from the same Trigger),
     * and once it is committed announces it in the background: the broker waits for the sink's answer, and a
     * broker that cannot take the announcement must not turn a stored dead letter into a failed one. Counts it in
     * {@value CascadeMetrics#DEADLETTERS_STORED}, by the dead event's type (bounded) and {@code knativeerrorcode}.
     *
     * @return whether this call stored it (false for a duplicate)
     */
    public Uni<Boolean> store(CloudEvent event) {
        // The sink request's trace, taken now: the database's callbacks may run with another context current.
        Context trace = Context.current();
        DeadLetter letter = DeadLetter.of(UUID.randomUUID().toString(), event, Instant.now());
        return Panache.withTransaction(() -> deadLetters.insertIfAbsent(letter))
                .invoke(stored -> {
                    if (stored) {
                        registry.counter(CascadeMetrics.DEADLETTERS_STORED,
                                CascadeMetrics.TAG_TYPE, CascadeMetrics.typeTag(letter.type()),
                                CascadeMetrics.TAG_CODE, CascadeMetrics.codeTag(letter.errorCode())).increment();
                        LOG.infof("Stored dead letter %s: event %s of type %s from %s, knativeerrorcode %s, "
                                + "knativeerrordest %s", letter.id(), oneLine(letter.eventId()),
                                oneLine(letter.type()), oneLine(letter.source()), oneLine(letter.errorCode()),
                                oneLine(letter.errorDest()));
                        announce(letter, trace);
                    }
                });
    }

    /**
     * Sends the dead letter's original event to the broker again and counts the redrive. The event keeps its own
     * {@code traceparent}/{@code tracestate} extensions, which name the trace it was first sent in; the post itself
     * runs in the redrive request's trace, so its {@code traceparent} header and every hop after it show up there.
     */
    public Uni<DeadLetterRecord> redrive(String id) {
        Context trace = Context.current();
        return Panache.withSession(() -> deadLetters.findById(id))
                .onItem().ifNull().failWith(() -> new UnknownDeadLetter(id))
                .chain(record -> {
                    if (!broker.isConfigured()) {
                        return Uni.createFrom().failure(new NoBroker());
                    }
                    CloudEvent original = Redrive.originalEvent(record.toDeadLetter());
                    return Traces.within(trace, () -> broker.send(original))
                            .chain(() -> Panache.withTransaction(() -> deadLetters.markRedriven(id, Instant.now())))
                            .chain(() -> Panache.withSession(() -> deadLetters.findById(id)));
                })
                .invoke(record -> LOG.infof("Redrove dead letter %s (event %s) to %s, redrive %d", id,
                        oneLine(record.eventId), broker.uri().orElse(null), record.redriveCount));
    }

    private void announce(DeadLetter letter, Context trace) {
        if (!broker.isConfigured()) {
            return;
        }
        if (letter.isAnnouncement()) {
            LOG.warnf("Dead letter %s is itself an undeliverable %s: not announced, to break the loop",
                    letter.id(), EventTypes.DEADLETTER_RECORDED_V1);
            return;
        }
        DeadLetterRecorded recorded = letter.recorded();
        byte[] data;
        try {
            data = json.writeValueAsBytes(recorded);
        } catch (JsonProcessingException e) {
            LOG.errorf(e, "Dead letter %s cannot be announced", letter.id());
            return;
        }
        ValidationResult valid = VALIDATOR.validate(EventTypes.DEADLETTER_RECORDED_V1, data);
        if (!valid.valid()) {
            // A hostile or broken event (an id of 10 kB) is stored, but no contract event can describe it.
            LOG.warnf("Dead letter %s is stored but not announced: %s", letter.id(), valid.violations());
            return;
        }
        CloudEventBuilder announcement = CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withSource(URI.create(EventSources.DEAD_LETTER_SERVICE))
                .withType(EventTypes.DEADLETTER_RECORDED_V1)
                .withTime(OffsetDateTime.now(ZoneOffset.UTC))
                .withDataSchema(URI.create(DataSchemas.uriOf(EventTypes.DEADLETTER_RECORDED_V1)))
                .withData("application/json", data);
        // In the sink request's trace: its span as the Distributed Tracing extension, and the post's client span (whose
        // traceparent header the broker continues) as its child.
        Traces.extensions(trace).forEach(announcement::withExtension);
        CloudEvent recordedEvent = announcement.build();
        Traces.within(trace, () -> broker.send(recordedEvent)).subscribe().with(
                sent -> LOG.debugf("Announced dead letter %s", letter.id()),
                failure -> LOG.warnf("Dead letter %s is stored but its announcement failed: %s", letter.id(),
                        failure.getMessage()));
    }

    /** Text from an event on one log line. */
    static String oneLine(String text) {
        return text == null ? null : text.replaceAll("[\\p{Cc}\\p{Zl}\\p{Zp}]", " ");
    }

    /** No dead letter has this id. */
    public static final class UnknownDeadLetter extends RuntimeException {

        UnknownDeadLetter(String id) {
            super("No dead letter " + id);
        }
    }

    /** Redrive needs the broker, and {@code K_SINK} is not set. */
    public static final class NoBroker extends RuntimeException {

        NoBroker() {
            super("K_SINK is not set, so there is no broker to redrive to");
        }
    }
}
