package dev.cascade.order.saga;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import dev.cascade.contracts.order.CancellationReason;

/**
 * Where one order's saga stands: the step it waits on, which way it goes, the ids the participants answered, why
 * it is compensating, when the step it waits on times out and how often that step's command has been sent.
 * Immutable; the saga returns a new state for every transition.
 */
public record SagaState(String orderId, int step, SagaPhase phase, Map<String, String> ids,
        CancellationReason reason, String detail, Instant deadline, int attempts) {

    public SagaState {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(phase, "phase");
        ids = Map.copyOf(ids);
    }

    static SagaState begin(String orderId) {
        return new SagaState(orderId, 0, SagaPhase.FORWARD, Map.of(), null, null, null, 0);
    }

    SagaState forwardTo(int nextStep, Instant nextDeadline) {
        return new SagaState(orderId, nextStep, SagaPhase.FORWARD, ids, null, null, nextDeadline, 1);
    }

    SagaState compensating(int stepToUndo, Instant nextDeadline) {
        return new SagaState(orderId, stepToUndo, SagaPhase.COMPENSATING, ids, reason, detail, nextDeadline, 1);
    }

    SagaState because(CancellationReason why, String text) {
        return new SagaState(orderId, step, phase, ids, why, text, deadline, attempts);
    }

    SagaState resent(Instant nextDeadline) {
        return new SagaState(orderId, step, phase, ids, reason, detail, nextDeadline, attempts + 1);
    }

    SagaState withIds(Map<String, String> answered) {
        Map<String, String> merged = new HashMap<>(ids);
        merged.putAll(answered);
        return new SagaState(orderId, step, phase, merged, reason, detail, deadline, attempts);
    }

    SagaState done() {
        return new SagaState(orderId, step, SagaPhase.DONE, ids, reason, detail, null, attempts);
    }

    /** Whether the step it waits on has had its time. */
    public boolean isDue(Instant now) {
        return phase != SagaPhase.DONE && deadline != null && !deadline.isAfter(now);
    }
}
