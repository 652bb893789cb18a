package dev.cascade.functions;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cascade.contracts.CascadeJson;
import io.quarkus.funqy.knative.events.CloudEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The idempotent consumer: handles each CloudEvent (source, id) once. The first delivery records the event in
 * {@code processed_event}, runs the effect and records its reply, all in one transaction; a redelivery finds the
 * row, skips the effect and answers the recorded reply again, with the same id. Two deliveries racing each other
 * meet on the primary key: the second waits for the first to commit and then replays its reply; if the first rolls
 * back, the second runs the effect.
 * <p>
 * The effect runs in the transaction of the session {@link Panache#getSession()} gives, so everything it writes
 * through Panache commits or rolls back with the record of the event.
 */
@ApplicationScoped
public class ProcessedEvents {

    private static final ObjectMapper JSON = CascadeJson.newObjectMapper();

    private static final String CLAIM = """
            insert into processed_event (source, event_id, event_type, processed_at)
            values (:source, :id, :type, :at)
            on conflict do nothing""";
    private static final String RECORD_REPLY = """
            update processed_event
            set reply_id = cast(:replyId as text), reply_type = cast(:replyType as text),
                reply_data = cast(:replyData as text)
            where source = :source and event_id = :id""";
    private static final String RECORDED_REPLY = """
            select reply_id, reply_type, reply_data from processed_event where source = :source and event_id = :id""";

    /** Runs {@code effect} for the first delivery of {@code event} and returns its reply; replays it afterwards. */
    public Uni<Reply> once(CloudEvent<?> event, Supplier<Uni<Reply>> effect) {
        return once(event.source(), event.id(), event.type(), effect);
    }

    /** {@link #once(CloudEvent, Supplier)} by the event's attributes. */
    public Uni<Reply> once(String source, String id, String type, Supplier<Uni<Reply>> effect) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(id, "id");
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                .createNativeQuery(CLAIM)
                .setParameter("source", source)
                .setParameter("id", id)
                .setParameter("type", type == null ? "" : type)
                .setParameter("at", OffsetDateTime.now(ZoneOffset.UTC))
                .executeUpdate()
                .chain(claimed -> claimed == 1
                        ? effect.get().call(reply -> record(session, source, id, reply))
                        : recorded(session, source, id))));
    }

    /**
     * {@link #once(CloudEvent, Supplier)} for a Funqy function, which runs on a worker thread: runs it on a
     * Vert.x context, as Hibernate Reactive needs, and waits for the outcome.
     */
    public Reply onceBlocking(CloudEvent<?> event, Supplier<Uni<Reply>> effect) {
        return await(() -> once(event, effect));
    }

    /**
     * Waits on a worker thread for {@code work}, run on a Vert.x context; rethrows its failure unchanged. The trace of
     * the caller ({@link Tracing#current()}, a Funqy function's request included) goes with it, so that its database
     * calls are spans of that trace rather than new traces.
     */
    public static <T> T await(Supplier<Uni<T>> work) {
        io.opentelemetry.context.Context trace = Tracing.current();
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Tracing.attached(trace, work));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static Uni<Integer> record(Mutiny.Session session, String source, String id, Reply reply) {
        Objects.requireNonNull(reply, "an effect returns Reply.none() for no reply, not null");
        if (reply.isNone()) {
            // The claim left the reply columns null, which is how "no reply" is recorded: nothing to write.
            return Uni.createFrom().item(0);
        }
        String data;
        try {
            data = JSON.writeValueAsString(reply.data());
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("reply to " + id + " is not JSON", e));
        }
        return session.createNativeQuery(RECORD_REPLY)
                .setParameter("replyId", reply.id())
                .setParameter("replyType", reply.type())
                .setParameter("replyData", data)
                .setParameter("source", source)
                .setParameter("id", id)
                .executeUpdate();
    }

    private static Uni<Reply> recorded(Mutiny.Session session, String source, String id) {
        return session.createNativeQuery(RECORDED_REPLY, Object[].class)
                .setParameter("source", source)
                .setParameter("id", id)
                .getSingleResult()
                .map(row -> {
                    if (row[1] == null) {
                        return Reply.none();
                    }
                    try {
                        return new Reply((String) row[0], (String) row[1], JSON.readTree((String) row[2]));
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("recorded reply to " + id + " is not JSON", e);
                    }
                });
    }
}
