package dev.cascade.order.saga;

import java.util.List;

/**
 * What the saga decided on one input: its next state and what to emit, in order. The decisions it took about the
 * order itself are the new events of the {@code Order} it was given.
 */
public record SagaTransition(SagaState next, List<Outgoing> emit) {

    public SagaTransition {
        emit = List.copyOf(emit);
    }
}
