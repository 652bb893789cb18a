package dev.cascade.order.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import dev.cascade.order.repository.OutboxEntry;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.mutiny.Uni;

/**
 * The outbox rows one transaction writes, kept so that they can be handed to the relay once it committed
 * ({@link OutboxRelay#publish(OutboxBatch)}) instead of being found again by a query. Bound to the transaction's
 * Vert.x context by {@link #collecting(Supplier)}; {@link Outbox#add} adds to the bound batch. One batch per attempt:
 * an attempt that rolled back is dropped with its batch.
 */
public final class OutboxBatch {

    private static final String KEY = OutboxBatch.class.getName();

    private final List<OutboxEntry> rows = new ArrayList<>();

    /** Runs {@code work} with this batch bound to its context, so that the rows it writes to the outbox land here. */
    public <T> Uni<T> collecting(Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            ContextLocals.put(KEY, this);
            return work.get();
        });
    }

    /** The batch bound to the current context, or null outside {@link #collecting(Supplier)}. */
    static OutboxBatch current() {
        return ContextLocals.<OutboxBatch>get(KEY).orElse(null);
    }

    void add(OutboxEntry row) {
        rows.add(row);
    }

    List<OutboxEntry> rows() {
        return rows;
    }
}
