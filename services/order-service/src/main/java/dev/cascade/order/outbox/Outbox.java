package dev.cascade.order.outbox;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cascade.contracts.CascadeJson;
import dev.cascade.contracts.EventSources;
import dev.cascade.contracts.EventValidator;
import dev.cascade.contracts.InvalidEventDataException;
import dev.cascade.functions.TraceHeaders;
import dev.cascade.order.repository.OutboxEntry;
import dev.cascade.order.saga.Outgoing;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Writes events to the outbox table in the caller's transaction, so they are published if and only if the change
 * that decided them commits. Each is checked against its schema first: an event its consumers would refuse is a bug
 * here, better failed now than dead-lettered later.
 * <p>
 * Within {@link OutboxBatch#collecting} the rows are born leased to this process (their next attempt lies past the
 * relay's post timeout) and collected, for the caller to hand to the relay after the commit; elsewhere they are due at
 * once, for the relay's next scan.
 */
@ApplicationScoped
public class Outbox {

    private static final ObjectMapper JSON = CascadeJson.newObjectMapper();
    private static final EventValidator VALIDATOR = EventValidator.create();

    @Inject
    OutboxRelay relay;

    public Uni<Void> add(List<Outgoing> events, String subject, TraceHeaders trace, Instant now) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        OutboxBatch batch = OutboxBatch.current();
        Object[] rows = events.stream().map(event -> {
            OutboxEntry row = entry(event, subject, trace, now);
            if (batch != null) {
                row.nextAttemptAt = relay.leaseEnd(now);
                batch.add(row);
            }
            return row;
        }).toArray();
        return Panache.getSession().chain(session -> session.persistAll(rows));
    }

    private static OutboxEntry entry(Outgoing event, String subject, TraceHeaders trace, Instant now) {
        JsonNode data = JSON.valueToTree(event.data());
        try {
            VALIDATOR.requireValid(event.type(), data);
        } catch (InvalidEventDataException e) {
            throw new IllegalStateException("order-service would emit an invalid event: " + e.getMessage(), e);
        }
        OutboxEntry row = new OutboxEntry();
        row.eventId = UUID.randomUUID().toString();
        row.type = event.type();
        row.source = EventSources.ORDER_SERVICE;
        row.subject = subject;
        row.traceparent = trace.traceparent();
        row.tracestate = trace.tracestate();
        try {
            row.data = JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        row.createdAt = now;
        row.nextAttemptAt = now;
        return row;
    }
}
