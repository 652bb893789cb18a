package dev.cascade.order.service;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.cascade.functions.Overloaded;
import dev.cascade.functions.ProcessedEvents;
import dev.cascade.order.config.SagaConfig;
import dev.cascade.order.repository.SagaRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;

/**
 * Admission control for new orders: counts the open sagas and refuses an order ({@link Overloaded}, answered 429)
 * while {@code cascade.saga.max-open} of them are open. The count comes from the database every second (all
 * replicas' sagas) and is raised locally by each admitted order in between, so a burst is seen before the next
 * count.
 */
@ApplicationScoped
public class SagaBacklog {

    private final AtomicLong open = new AtomicLong();
    private long maxOpen;

    @Inject
    SagaRepository sagas;

    @Inject
    SagaBacklog(SagaConfig config) {
        this(config.maxOpen());
    }

    SagaBacklog(long maxOpen) {
        this.maxOpen = maxOpen;
    }

    /**
     * Counts one more open saga, or refuses it.
     *
     * @throws Overloaded when {@code cascade.saga.max-open} sagas are open
     */
    public void admit() {
        long now = open.get();
        if (now >= maxOpen) {
            throw new Overloaded(now + " orders are still being processed (at most " + maxOpen + "); retry shortly", 1);
        }
        open.incrementAndGet();
    }

    /** The open sagas counted in the database. */
    void counted(long inDatabase) {
        open.set(inDatabase);
    }

    long open() {
        return open.get();
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void recount() {
        counted(ProcessedEvents.await(() -> Panache.withSession(sagas::countOpen)));
    }
}
