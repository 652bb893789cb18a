package dev.cascade.order.repository;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cascade.contracts.CascadeJson;
import dev.cascade.functions.TraceHeaders;
import dev.cascade.order.saga.SagaPhase;
import dev.cascade.order.saga.SagaState;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Saga instances in {@code saga_instance}, in the caller's transaction. */
@ApplicationScoped
public class SagaRepository {

    private static final ObjectMapper JSON = CascadeJson.newObjectMapper();
    private static final TypeReference<Map<String, String>> IDS = new TypeReference<>() {
    };

    public Uni<SagaInstance> find(String orderId) {
        return Panache.getSession().chain(session -> session.find(SagaInstance.class, orderId));
    }

    /**
     * Stores {@code state} into {@code instance} (the row it was loaded from), or as a new row when that is
     * {@code null}, with the trace of the work that moved it. The row's version makes a concurrent change fail at
     * the flush.
     */
    public Uni<Void> save(SagaInstance instance, SagaState state, TraceHeaders trace, Instant now) {
        SagaInstance row = instance == null ? new SagaInstance() : instance;
        row.orderId = state.orderId();
        row.step = state.step();
        row.phase = state.phase();
        row.ids = json(state.ids());
        row.reason = state.reason();
        row.detail = state.detail();
        row.deadline = state.deadline();
        row.attempts = state.attempts();
        row.updatedAt = now;
        row.traceparent = trace.traceparent();
        row.tracestate = trace.tracestate();
        return Panache.getSession().chain(session -> instance == null
                ? session.persist(row)
                : Uni.createFrom().voidItem());
    }

    /** Orders whose saga waits on a step past its deadline, the most overdue first. */
    public Uni<List<String>> due(Instant now, int limit) {
        return Panache.getSession().chain(session -> session.createSelectionQuery(
                        "select orderId from SagaInstance where phase <> :done and deadline <= :now order by deadline",
                        String.class)
                .setParameter("done", SagaPhase.DONE)
                .setParameter("now", now)
                .setMaxResults(limit)
                .getResultList());
    }

    /** Sagas not yet confirmed or cancelled. */
    public Uni<Long> countOpen() {
        return Panache.getSession().chain(session -> session
                .createSelectionQuery("select count(*) from SagaInstance where phase <> :done", Long.class)
                .setParameter("done", SagaPhase.DONE)
                .getSingleResult());
    }

    /**
     * When the oldest open saga started (its order's first event), or {@code null} when none is open. Joins the open
     * sagas to the event store by its unique (aggregate, version) index.
     */
    public Uni<Instant> oldestOpenStart() {
        return Panache.getSession().chain(session -> session
                .createSelectionQuery("""
                        select min(e.occurredAt) from StoredEvent e, SagaInstance s
                        where e.aggregateId = s.orderId and e.version = 1 and s.phase <> :done""", Instant.class)
                .setParameter("done", SagaPhase.DONE)
                .getSingleResultOrNull());
    }

    /** The trace the saga's last move ran in. */
    public static TraceHeaders traceOf(SagaInstance row) {
        return row.traceparent == null ? TraceHeaders.NONE : new TraceHeaders(row.traceparent, row.tracestate);
    }

    public static SagaState toState(SagaInstance row) {
        try {
            return new SagaState(row.orderId, row.step, row.phase, JSON.readValue(row.ids, IDS), row.reason,
                    row.detail, row.deadline, row.attempts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("saga of " + row.orderId + " cannot be read", e);
        }
    }

    private static String json(Map<String, String> ids) {
        try {
            return JSON.writeValueAsString(ids);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
