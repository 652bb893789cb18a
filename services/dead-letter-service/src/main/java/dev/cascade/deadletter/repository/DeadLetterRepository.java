package dev.cascade.deadletter.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cascade.deadletter.domain.DeadLetter;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class DeadLetterRepository implements PanacheRepositoryBase<DeadLetterRecord, String> {

    // "on conflict do nothing" against the unique index: a duplicate is not an error that aborts the transaction.
    // The JSON goes in as text and is cast in SQL: a parameter typed jsonb would take a Java String as a JSON
    // string, storing "{\"id\":...}" instead of an object.
    private static final String INSERT_IF_ABSENT = """
            insert into dead_letter (id, event_id, source, type, error_dest, error_code, error_data, attributes,
                                     extensions, data, data_content_type, received_at)
            values (:id, :eventId, :source, :type, cast(:errorDest as text), cast(:errorCode as text),
                    cast(:errorData as text), cast(cast(:attributes as text) as jsonb),
                    cast(cast(:extensions as text) as jsonb),
                    cast(:data as bytea), cast(:dataContentType as text), :receivedAt)
            on conflict do nothing""";

    private final ObjectMapper json;

    DeadLetterRepository(ObjectMapper json) {
        this.json = json;
    }

    /** Stores {@code letter} unless the same event from the same Trigger is stored already; whether it stored. */
    public Uni<Boolean> insertIfAbsent(DeadLetter letter) {
        return Panache.getSession().chain(session -> session.createNativeQuery(INSERT_IF_ABSENT)
                .setParameter("id", letter.id())
                .setParameter("eventId", letter.eventId())
                .setParameter("source", letter.source())
                .setParameter("type", letter.type())
                .setParameter("errorDest", letter.errorDest())
                .setParameter("errorCode", letter.errorCode())
                .setParameter("errorData", letter.errorData())
                .setParameter("attributes", toJson(letter.attributes()))
                .setParameter("extensions", toJson(letter.extensions()))
                .setParameter("data", letter.data())
                .setParameter("dataContentType", letter.dataContentType())
                .setParameter("receivedAt", OffsetDateTime.ofInstant(letter.receivedAt(), ZoneOffset.UTC))
                .executeUpdate()
                .map(inserted -> inserted == 1));
    }

    /** The newest dead letters first, of one type if {@code type} is not {@code null}. */
    public Uni<List<DeadLetterRecord>> newest(String type, int limit) {
        Sort newestFirst = Sort.descending("receivedAt").and("id");
        var query = type == null ? findAll(newestFirst) : find("type", newestFirst, type);
        return query.page(Page.ofSize(limit)).list();
    }

    /** Counts one more redrive; whether the dead letter exists. */
    public Uni<Boolean> markRedriven(String id, Instant at) {
        return update("redrivenAt = ?1, redriveCount = redriveCount + 1 where id = ?2", at, id)
                .map(updated -> updated == 1);
    }

    private String toJson(Map<String, String> values) {
        try {
            return json.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings is always JSON", e);
        }
    }
}
