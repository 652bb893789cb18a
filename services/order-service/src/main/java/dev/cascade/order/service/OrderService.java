package dev.cascade.order.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.order.OrderPlaced;
import dev.cascade.contracts.order.PlaceOrder;
import dev.cascade.functions.TraceHeaders;
import dev.cascade.order.domain.Order;
import dev.cascade.order.domain.OrderStatus;
import dev.cascade.order.outbox.Outbox;
import dev.cascade.order.repository.OrderEventStore;
import dev.cascade.order.repository.OrderViews;
import dev.cascade.order.repository.SagaInstance;
import dev.cascade.order.repository.SagaRepository;
import dev.cascade.order.saga.Outgoing;
import dev.cascade.order.saga.SagaDefinition;
import dev.cascade.order.saga.SagaPhase;
import dev.cascade.order.saga.SagaState;
import dev.cascade.order.saga.SagaTransition;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The order flow's use cases, each in the caller's transaction: load the order and its saga, let the aggregate and
 * the saga decide, then store everything they decided together: the new events, the views they change, the saga's
 * next state and the events to publish (outbox). A concurrent writer makes the final flush fail with
 * {@link ConcurrentChange}; the caller retries.
 */
@ApplicationScoped
public class OrderService {

    private static final Logger LOG = Logger.getLogger(OrderService.class);

    @Inject
    OrderEventStore store;

    @Inject
    OrderViews views;

    @Inject
    SagaRepository sagas;

    @Inject
    Outbox outbox;

    @Inject
    SagaDefinition saga;

    /** What placing answered: the order, and whether this command created it (false: a repeat of the same). */
    public record Placement(String orderId, boolean created) {
    }

    /**
     * What a reply or a deadline did: whether the saga acted on it, and the saga's end if this change finished it
     * ({@code null} otherwise). The end counts once it is committed.
     */
    public record SagaChange(boolean acted, SagaEnd ended) {

        static final SagaChange NONE = new SagaChange(false, null);
    }

    /** A saga that ended: how (the order CONFIRMED or CANCELLED), when its order was placed and when it ended. */
    public record SagaEnd(OrderStatus status, Instant startedAt, Instant endedAt) {
    }

    /**
     * Places an order and starts its saga; the identical command again changes nothing.
     *
     * @throws OrderIdTaken (in the Uni) if the order id exists with other contents
     */
    public Uni<Placement> place(PlaceOrder command, TraceHeaders trace) {
        Instant now = Instant.now();
        return store.load(command.orderId()).chain(order -> {
            if (order.exists()) {
                if (order.isPlacedBy(command)) {
                    return Uni.createFrom().item(new Placement(order.orderId(), false));
                }
                return Uni.createFrom().failure(new OrderIdTaken(order.orderId()));
            }
            order.place(command, now);
            SagaTransition start = saga.start(order, now);
            List<Outgoing> emit = new ArrayList<>();
            emit.add(new Outgoing(EventTypes.ORDER_PLACED_V1, new OrderPlaced(order.orderId(), order.customerId(),
                    order.items(), order.total(), order.shippingAddress(), order.placedAt())));
            emit.addAll(start.emit());
            return save(order, null, start.next(), emit, trace, now)
                    .replaceWith(new Placement(order.orderId(), true));
        });
    }

    /** Advances the saga of {@code orderId} on a participant's reply, in the reply's trace. */
    public Uni<SagaChange> onReply(String replyType, String orderId, Object reply, TraceHeaders trace) {
        Instant now = Instant.now();
        return sagas.find(orderId).chain(instance -> {
            if (instance == null) {
                LOG.infof("ignored %s for order %s: no such saga", replyType, orderId);
                return Uni.createFrom().item(SagaChange.NONE);
            }
            return store.load(orderId).chain(order -> act(order, instance,
                    saga.onReply(SagaRepository.toState(instance), order, replyType, reply, now),
                    "reply " + replyType, trace, now));
        });
    }

    /**
     * Acts on the saga of {@code orderId} if its deadline has passed. What it sends continues the trace of the saga's
     * last move: a timeout has no event of its own to take a trace from.
     */
    public Uni<SagaChange> onDeadline(String orderId, Instant now) {
        return sagas.find(orderId).chain(instance -> instance == null
                ? Uni.createFrom().item(SagaChange.NONE)
                : store.load(orderId).chain(order -> act(order, instance,
                        saga.onDeadline(SagaRepository.toState(instance), order, now), null,
                        SagaRepository.traceOf(instance), now)));
    }

    /** Orders whose saga is past its deadline. */
    public Uni<List<String>> overdue(Instant now, int limit) {
        return sagas.due(now, limit);
    }

    private Uni<SagaChange> act(Order order, SagaInstance instance, Optional<SagaTransition> transition,
            String ignoredWhat, TraceHeaders trace, Instant now) {
        if (transition.isEmpty()) {
            if (ignoredWhat != null) {
                LOG.infof("ignored %s for order %s: the saga is at step %d, %s, not waiting for it", ignoredWhat,
                        order.orderId(), instance.step, instance.phase);
            }
            return Uni.createFrom().item(SagaChange.NONE);
        }
        SagaState next = transition.get().next();
        SagaEnd ended = instance.phase != SagaPhase.DONE && next.phase() == SagaPhase.DONE
                ? new SagaEnd(order.status(), order.placedAt(), now)
                : null;
        return save(order, instance, next, transition.get().emit(), trace, now)
                .replaceWith(new SagaChange(true, ended));
    }

    private Uni<Void> save(Order order, SagaInstance instance, SagaState next, List<Outgoing> emit,
            TraceHeaders trace, Instant now) {
        return store.append(order)
                .chain(views::project)
                .chain(() -> sagas.save(instance, next, trace, now))
                .chain(() -> outbox.add(emit, order.orderId(), trace, now))
                .chain(() -> Panache.getSession().chain(session -> session.flush()))
                .onFailure(ConcurrentChange::isConflict).transform(ConcurrentChange::new);
    }
}
