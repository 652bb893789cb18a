package dev.cascade.order.service;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.cascade.contracts.order.PlaceOrder;
import dev.cascade.functions.PermanentEventFailure;
import dev.cascade.functions.ProcessedEvents;
import dev.cascade.functions.Reply;
import dev.cascade.functions.TraceHeaders;
import dev.cascade.order.outbox.OutboxBatch;
import dev.cascade.order.outbox.OutboxRelay;
import dev.cascade.order.repository.OrderEventStore;
import dev.cascade.order.repository.OrderViews;
import dev.cascade.order.service.OrderService.Placement;
import dev.cascade.order.service.OrderService.SagaChange;
import dev.cascade.order.service.OrderService.SagaEnd;
import dev.cascade.order.view.OrderSummary;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.funqy.knative.events.CloudEvent;
import io.quarkus.hibernate.reactive.panache.Panache;

/**
 * The blocking entry points the edges call from worker threads (Funqy functions, REST resources, the scheduler):
 * each use case of {@link OrderService} in its own transaction, retried when a concurrent writer won, and the
 * outbox rows it wrote handed to the relay right after the commit.
 */
@ApplicationScoped
public class OrderCommands {

    private static final Logger LOG = Logger.getLogger(OrderCommands.class);
    /** Retries of one command after a conflict; each reloads, so only a hot order needs more than one. */
    static final int ATTEMPTS = 8;

    @Inject
    OrderService orders;

    @Inject
    ProcessedEvents processed;

    @Inject
    OutboxRelay relay;

    @Inject
    OrderEventStore store;

    @Inject
    OrderViews views;

    @Inject
    SagaBacklog backlog;

    @Inject
    SagaMetrics sagaMetrics;

    private final Counter conflicts;

    @Inject
    OrderCommands(MeterRegistry registry) {
        conflicts = registry.counter("cascade.order.conflicts.retried");
    }

    /**
     * Places an order from the REST API.
     *
     * @throws dev.cascade.functions.Overloaded when too many sagas are open
     */
    public Placement place(PlaceOrder command) {
        backlog.admit();
        TraceHeaders trace = TraceHeaders.current();
        return publishing(batch -> ProcessedEvents.await(
                () -> Panache.withTransaction(() -> batch.collecting(() -> orders.place(command, trace)))));
    }

    /** Places an order from a CloudEvent, once per (source, id); answers no event (the outbox publishes). */
    public Reply place(CloudEvent<?> event, PlaceOrder command) {
        // Refused with 429 before anything is recorded: the broker's retry is a first delivery.
        backlog.admit();
        TraceHeaders trace = TraceHeaders.current();
        try {
            return publishing(batch -> processed.onceBlocking(event,
                    () -> batch.collecting(() -> orders.place(command, trace)).replaceWith(Reply.none())));
        } catch (OrderIdTaken e) {
            throw new PermanentEventFailure(e.getMessage(), e);
        }
    }

    /** Hands a participant's reply to the saga, once per (source, id); answers no event. */
    public Reply advance(CloudEvent<?> event, String type, String orderId, Object reply) {
        TraceHeaders trace = TraceHeaders.current();
        AtomicReference<SagaEnd> ended = new AtomicReference<>();
        Reply answer = publishing(batch -> {
            ended.set(null);
            return processed.onceBlocking(event, () -> batch.collecting(() -> orders.onReply(type, orderId, reply, trace))
                    .invoke(change -> ended.set(change.ended()))
                    .replaceWith(Reply.none()));
        });
        // Committed: a redelivery of the same reply skips the effect, so a saga's end is counted once.
        sagaMetrics.ended(ended.get());
        return answer;
    }

    /** Acts on every saga past its deadline (at most {@code limit}); answers how many it moved on. */
    public int sweep(Instant now, int limit) {
        List<String> overdue = ProcessedEvents.await(() -> Panache.withSession(() -> orders.overdue(now, limit)));
        int acted = 0;
        for (String orderId : overdue) {
            try {
                SagaChange change = retrying(() -> ProcessedEvents.await(
                        () -> Panache.withTransaction(() -> orders.onDeadline(orderId, now))));
                if (change.acted()) {
                    acted++;
                    sagaMetrics.ended(change.ended());
                }
            } catch (RuntimeException e) {
                LOG.warnf("deadline of order %s not handled, next sweep retries: %s", orderId, e.toString());
            }
        }
        if (acted > 0) {
            relay.wake();
        }
        return acted;
    }

    public OrderSummary summary(String orderId) {
        return ProcessedEvents.await(() -> Panache.withSession(() -> views.find(orderId)));
    }

    public List<OrderSummary> history(String customerId) {
        return ProcessedEvents.await(() -> Panache.withSession(() -> views.history(customerId)));
    }

    public OrderViews.Rebuilt rebuildViews() {
        return ProcessedEvents.await(() -> Panache.withTransaction(() -> views.rebuild(store)));
    }

    /**
     * Runs a use case, retried on conflicts, each attempt collecting its outbox rows in a batch of its own; once one
     * committed, hands its rows to the relay, whose posts start at once.
     */
    private <T> T publishing(Function<OutboxBatch, T> attempt) {
        AtomicReference<OutboxBatch> committed = new AtomicReference<>();
        T result = retrying(() -> {
            OutboxBatch batch = new OutboxBatch();
            committed.set(batch);
            return attempt.apply(batch);
        });
        relay.publish(committed.get());
        return result;
    }

    private <T> T retrying(Supplier<T> attempt) {
        for (int tried = 1;; tried++) {
            try {
                return attempt.get();
            } catch (RuntimeException e) {
                if (!ConcurrentChange.isConflict(e) || tried == ATTEMPTS) {
                    throw e;
                }
                conflicts.increment();
                LOG.debugf("concurrent change, retry %d: %s", tried, e.getMessage());
                pause(tried);
            }
        }
    }

    private static void pause(int tried) {
        try {
            // A little jitter, so that two losers of the same race do not meet again.
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L * tried + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying", e);
        }
    }
}
