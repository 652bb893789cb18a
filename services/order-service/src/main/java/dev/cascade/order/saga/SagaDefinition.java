package dev.cascade.order.saga;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import dev.cascade.contracts.order.CancellationReason;
import dev.cascade.order.domain.Order;

/**
 * An orchestrated saga over an {@link Order}: steps run one after the other, each by sending a command and waiting
 * for its reply; when a step is refused or times out, the steps done so far are undone in reverse order, one
 * compensation at a time, and the order is cancelled; when every step is done, the order is confirmed.
 * <p>
 * Declared with {@link #builder()} (see {@code OrderSaga}); plain Java, no I/O: each method takes the persisted
 * {@link SagaState} and the order, records its decisions as new events of the order and returns the next state and
 * the events to emit. The caller stores all of it in one transaction.
 * <p>
 * A timed-out step is compensated too, with whatever ids the saga has (none from that step): the participant may
 * have acted after all, and undoes by order id. A compensation that is not confirmed in time is sent again at each
 * deadline until it is, because a saga must not stop half undone.
 */
public final class SagaDefinition {

    private final List<SagaStep> steps;
    private final String confirmedType;
    private final Function<Order, Object> confirmed;
    private final String cancelledType;
    private final Function<Order, Object> cancelled;
    private final Duration stepTimeout;

    private SagaDefinition(Builder builder) {
        this.steps = List.copyOf(builder.steps);
        this.confirmedType = builder.confirmedType;
        this.confirmed = builder.confirmed;
        this.cancelledType = builder.cancelledType;
        this.cancelled = builder.cancelled;
        this.stepTimeout = builder.stepTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<SagaStep> steps() {
        return steps;
    }

    public Duration stepTimeout() {
        return stepTimeout;
    }

    /** Every reply type the saga may act on, for the Triggers that deliver them. */
    public Set<String> replyTypes() {
        Set<String> types = new LinkedHashSet<>();
        for (SagaStep step : steps) {
            step.replyTypes().forEach(types::add);
            if (step.hasCompensation()) {
                types.add(step.compensatedBy());
            }
        }
        return types;
    }

    /** Starts the saga of a just placed order: the first step's command goes out. */
    public SagaTransition start(Order order, Instant now) {
        return forwardTo(0, SagaState.begin(order.orderId()), order, now);
    }

    /**
     * Acts on a participant's reply, or returns empty when the saga is not waiting for it: a duplicate, a late
     * reply after a timeout, a reply of another step, anything after the saga ended. Those change nothing.
     */
    public Optional<SagaTransition> onReply(SagaState state, Order order, String replyType, Object reply,
            Instant now) {
        if (state.phase() == SagaPhase.DONE) {
            return Optional.empty();
        }
        SagaStep step = steps.get(state.step());
        if (state.phase() == SagaPhase.FORWARD) {
            var success = step.success(replyType);
            if (success.isPresent()) {
                Map<String, String> answered = success.get().idsOf(reply);
                order.recordStepSucceeded(step.name(), answered, now);
                return Optional.of(forwardTo(state.step() + 1, state.withIds(answered), order, now));
            }
            var failure = step.failure(replyType);
            if (failure.isPresent()) {
                CancellationReason reason = failure.get().reason();
                String detail = failure.get().detailOf(reply);
                order.recordStepFailed(step.name(), reason, detail, now);
                // The refused step did nothing: undo the ones before it.
                return Optional.of(compensateFrom(state.step() - 1, state.because(reason, detail), order, now));
            }
            return Optional.empty();
        }
        if (replyType.equals(step.compensatedBy())) {
            order.recordStepCompensated(step.name(), now);
            return Optional.of(compensateFrom(state.step() - 1, state, order, now));
        }
        return Optional.empty();
    }

    /**
     * Acts on a passed deadline: a forward step is given up and compensated with everything before it; a
     * compensation is sent again. Returns empty when the state is not due at {@code now}.
     */
    public Optional<SagaTransition> onDeadline(SagaState state, Order order, Instant now) {
        if (!state.isDue(now)) {
            return Optional.empty();
        }
        SagaStep step = steps.get(state.step());
        if (state.phase() == SagaPhase.FORWARD) {
            order.recordStepTimedOut(step.name(), now);
            String detail = "no answer to '" + step.name() + "' within " + stepTimeout.toMillis() + " ms";
            return Optional.of(compensateFrom(state.step(),
                    state.because(CancellationReason.STEP_TIMED_OUT, detail), order, now));
        }
        return Optional.of(new SagaTransition(state.resent(now.plus(stepTimeout)),
                List.of(step.compensation(order, state.ids()))));
    }

    private SagaTransition forwardTo(int index, SagaState state, Order order, Instant now) {
        if (index == steps.size()) {
            order.confirm(now);
            return new SagaTransition(state.done(), List.of(new Outgoing(confirmedType, confirmed.apply(order))));
        }
        SagaStep step = steps.get(index);
        return new SagaTransition(state.forwardTo(index, now.plus(stepTimeout)),
                List.of(step.command(order, state.ids())));
    }

    private SagaTransition compensateFrom(int index, SagaState state, Order order, Instant now) {
        int undo = index;
        while (undo >= 0 && !steps.get(undo).hasCompensation()) {
            undo--;
        }
        if (undo < 0) {
            order.cancel(state.reason(), state.detail(), now);
            return new SagaTransition(state.done(), List.of(new Outgoing(cancelledType, cancelled.apply(order))));
        }
        SagaStep step = steps.get(undo);
        return new SagaTransition(state.compensating(undo, now.plus(stepTimeout)),
                List.of(step.compensation(order, state.ids())));
    }

    /** Declares a saga step by step; see {@code OrderSaga}. */
    public static final class Builder {

        private final List<SagaStep> steps = new ArrayList<>();
        private SagaStep current;
        private String confirmedType;
        private Function<Order, Object> confirmed;
        private String cancelledType;
        private Function<Order, Object> cancelled;
        private Duration stepTimeout = Duration.ofSeconds(30);

        private Builder() {
        }

        public Builder step(String name) {
            current = new SagaStep(name);
            steps.add(current);
            return this;
        }

        /** The command that does the current step. */
        public Builder invoke(String commandType, SagaStep.CommandFactory command) {
            step().invoke(commandType, command);
            return this;
        }

        /** A reply that completes the current step, and the ids it brings. */
        public <R> Builder onReply(String replyType, Class<R> payload, Function<R, Map<String, String>> ids) {
            step().onReply(replyType, payload, ids);
            return this;
        }

        /** A reply that refuses the current step: the saga compensates and cancels the order for {@code reason}. */
        public <R> Builder failWhen(String replyType, Class<R> payload, CancellationReason reason,
                Function<R, String> detail) {
            step().failWhen(replyType, payload, reason, detail);
            return this;
        }

        /** The command that undoes the current step. */
        public Builder compensateWith(String commandType, SagaStep.CommandFactory command) {
            step().compensateWith(commandType, command);
            return this;
        }

        /** The reply that confirms the current step is undone. */
        public Builder compensatedBy(String replyType) {
            step().compensatedBy(replyType);
            return this;
        }

        /** The event emitted when every step is done. */
        public Builder endWith(String type, Function<Order, Object> event) {
            confirmedType = type;
            confirmed = event;
            return this;
        }

        /** The event emitted when every completed step has been undone. */
        public Builder cancelWith(String type, Function<Order, Object> event) {
            cancelledType = type;
            cancelled = event;
            return this;
        }

        /** How long a step (or a compensation) may wait for its reply. */
        public Builder stepTimeout(Duration timeout) {
            stepTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public SagaDefinition build() {
            if (steps.isEmpty() || confirmed == null || cancelled == null) {
                throw new IllegalStateException("a saga needs steps, endWith(...) and cancelWith(...)");
            }
            steps.forEach(SagaStep::check);
            return new SagaDefinition(this);
        }

        private SagaStep step() {
            if (current == null) {
                throw new IllegalStateException("declare a step(...) first");
            }
            return current;
        }
    }
}
