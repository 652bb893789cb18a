package dev.cascade.order.service;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.cascade.contracts.observability.CascadeMetrics;
import dev.cascade.functions.ProcessedEvents;
import dev.cascade.order.domain.OrderStatus;
import dev.cascade.order.repository.SagaRepository;
import dev.cascade.order.service.OrderService.SagaEnd;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;

/**
 * The saga's metrics:
 * <ul>
 * <li>timer {@value CascadeMetrics#SAGA_DURATION} (percentile histogram), tag {@code outcome} {@code confirmed} or
 * {@code cancelled}: from the order's placement to the commit that ended its saga, recorded once per saga;</li>
 * <li>gauge {@value CascadeMetrics#SAGA_OPEN}: sagas not yet ended, as admission control counts them
 * ({@link SagaBacklog});</li>
 * <li>gauge {@value CascadeMetrics#SAGA_OLDEST_OPEN_AGE}, in seconds: how long ago the oldest open saga started, 0
 * when none is open. A saga that outlives a few step timeouts is stuck: a compensation nobody confirms, a sweep that
 * stopped. The oldest start is read from the database every few seconds (all replicas' sagas); the age grows between
 * reads.</li>
 * </ul>
 */
@ApplicationScoped
public class SagaMetrics {

    private static final Logger LOG = Logger.getLogger(SagaMetrics.class);

    private final Timer confirmed;
    private final Timer cancelled;
    private final AtomicReference<Instant> oldestOpenStart = new AtomicReference<>();

    @Inject
    SagaRepository sagas;

    @Inject
    SagaMetrics(MeterRegistry registry, SagaBacklog backlog) {
        confirmed = duration(registry, CascadeMetrics.CONFIRMED);
        cancelled = duration(registry, CascadeMetrics.CANCELLED);
        Gauge.builder(CascadeMetrics.SAGA_OPEN, backlog, SagaBacklog::open)
                .description("Sagas not yet confirmed or cancelled")
                .strongReference(true)
                .register(registry);
        Gauge.builder(CascadeMetrics.SAGA_OLDEST_OPEN_AGE, this, SagaMetrics::oldestOpenAgeSeconds)
                .description("How long ago the oldest open saga started; 0 when none is open")
                .baseUnit("seconds")
                .strongReference(true)
                .register(registry);
    }

    /** Counts a saga that ended in a committed change; {@code null} (nothing ended) is ignored. */
    void ended(SagaEnd end) {
        if (end == null) {
            return;
        }
        Timer timer = end.status() == OrderStatus.CONFIRMED ? confirmed : cancelled;
        timer.record(Duration.between(end.startedAt(), end.endedAt()));
    }

    double oldestOpenAgeSeconds() {
        Instant oldest = oldestOpenStart.get();
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, Instant.now()).toMillis() / 1000.0);
    }

    @Scheduled(every = "5s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void measureOldest() {
        try {
            oldestOpenStart.set(ProcessedEvents.await(() -> Panache.withSession(sagas::oldestOpenStart)));
        } catch (RuntimeException e) {
            // The last reading stays; the next one is five seconds away.
            LOG.debugf("oldest open saga not measured: %s", e.toString());
        }
    }

    private static Timer duration(MeterRegistry registry, String outcome) {
        return Timer.builder(CascadeMetrics.SAGA_DURATION)
                .description("From an order's placement to the end of its saga")
                .tag(CascadeMetrics.TAG_OUTCOME, outcome)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(5))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
    }
}
