package dev.cascade.order.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.hibernate.LockMode;
import org.jboss.logging.Logger;

import dev.cascade.contracts.DataSchemas;
import dev.cascade.functions.ProcessedEvents;
import dev.cascade.functions.TraceHeaders;
import dev.cascade.functions.Tracing;
import dev.cascade.order.config.BrokerConfig;
import dev.cascade.order.repository.OutboxEntry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * Publishes the outbox: posts each unpublished row to the broker ingress as a binary-mode CloudEvent and marks it
 * published on a 2xx; a refused or failed post is retried with exponential backoff. One relay thread per replica
 * drains the table; it is woken right after every commit that wrote to the outbox ({@link #wake()}), so an event
 * leaves within milliseconds, and wakes by itself every second as a safety net (backoff retries, rows left by a
 * crash or by another replica). Rows are claimed with {@code for update skip locked}, so replicas never post the same
 * row at the same time. Delivery is at least once: a crash between the post and the commit posts the row again, with
 * the same CloudEvent id, which the consumers' idempotency absorbs.
 * <p>
 * Each event carries the trace context stored with it (of the work that decided it) twice: as the CloudEvents
 * Distributed Tracing extension ({@code ce-traceparent}, {@code ce-tracestate}), which stays with the event through
 * the broker, and as the {@code traceparent} (and {@code tracestate}) header the broker's ingress continues: the post
 * runs with the stored context current, so the HTTP client span Quarkus makes for it is a child of that context and
 * its header names it.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /**
     * Due rows, locked with {@code for update skip locked} so that two relays never post the same row. HQL, not a
     * native query: Hibernate caches a native query's plan under a key its result mapping never equals again, so
     * every pass added an entry colliding with all the others, and the relay's lookups grew into a tenth of
     * order-service's CPU.
     */
    private static final String CLAIM = """
            from OutboxEntry
            where publishedAt is null and nextAttemptAt <= :now
            order by createdAt""";

    @Inject
    Vertx vertx;

    @Inject
    BrokerConfig config;

    @Inject
    MeterRegistry registry;

    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread worker;
    private WebClient client;
    private Counter published;
    private Counter refused;

    void start(@Observes StartupEvent event) {
        client = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) config.timeout().toMillis())
                .setKeepAlive(true)
                .setMaxPoolSize(32));
        published = registry.counter("cascade.outbox.published");
        refused = registry.counter("cascade.outbox.failed");
        running = true;
        worker = new Thread(this::run, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
        // Whatever a previous process committed but did not publish goes out first.
        wake();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (worker != null) {
            worker.interrupt();
        }
        if (client != null) {
            client.close();
        }
    }

    /** Publishes what is due now; call it after a commit that wrote to the outbox. Never blocks. */
    public void wake() {
        wakeUps.release();
    }

    private void run() {
        while (running) {
            try {
                wakeUps.tryAcquire(1, TimeUnit.SECONDS);
                wakeUps.drainPermits();
                int posted;
                do {
                    posted = ProcessedEvents.await(this::publishDue);
                } while (running && posted >= config.batch());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warnf("outbox relay pass failed, next in a second: %s", e.toString());
                }
            }
        }
    }

    /** One pass: claims due rows, posts them concurrently, records each outcome; answers how many it claimed. */
    Uni<Integer> publishDue() {
        Instant now = Instant.now();
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                .createSelectionQuery(CLAIM, OutboxEntry.class)
                .setParameter("now", now)
                .setMaxResults(config.batch())
                .setLockMode(LockMode.UPGRADE_SKIPLOCKED)
                .getResultList()
                .chain(rows -> rows.isEmpty()
                        ? Uni.createFrom().item(0)
                        : Uni.join().all(rows.stream().map(this::post).toList()).andFailFast()
                                .map(outcomes -> record(rows, outcomes, now)))));
    }

    private int record(List<OutboxEntry> rows, List<Boolean> outcomes, Instant now) {
        for (int i = 0; i < rows.size(); i++) {
            OutboxEntry row = rows.get(i);
            row.attempts++;
            if (outcomes.get(i)) {
                row.publishedAt = now;
                published.increment();
            } else {
                row.nextAttemptAt = now.plus(backoff(row.attempts));
                refused.increment();
            }
        }
        return rows.size();
    }

    private Duration backoff(int attempts) {
        Duration delay = config.backoff().multipliedBy(1L << Math.min(attempts - 1, 20));
        return delay.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : delay;
    }

    private Uni<Boolean> post(OutboxEntry row) {
        TraceHeaders trace = new TraceHeaders(row.traceparent, row.tracestate);
        // With no stored trace (a row written before traces were kept) the post starts a trace of its own.
        return Tracing.within(trace.asParent(), () -> send(row, trace));
    }

    private Uni<Boolean> send(OutboxEntry row, TraceHeaders trace) {
        HttpRequest<Buffer> request = client.postAbs(config.url())
                .timeout(config.timeout().toMillis())
                .putHeader("ce-specversion", "1.0")
                .putHeader("ce-id", row.eventId)
                .putHeader("ce-source", row.source)
                .putHeader("ce-type", row.type)
                .putHeader("ce-time", row.createdAt.toString())
                .putHeader("ce-dataschema", DataSchemas.uriOf(row.type))
                .putHeader(HttpHeaders.CONTENT_TYPE.toString(), "application/json");
        if (row.subject != null) {
            request.putHeader("ce-subject", row.subject);
        }
        // The extension only: the traceparent header is the client span's, which the tracer adds (a second one
        // set here would make two).
        trace.extensions().forEach((name, value) -> request.putHeader("ce-" + name, value));
        return request.sendBuffer(Buffer.buffer(row.data))
                .map(response -> {
                    boolean accepted = response.statusCode() / 100 == 2;
                    if (!accepted) {
                        LOG.warnf("broker refused %s %s with %d, retrying later", row.type, row.eventId,
                                response.statusCode());
                    }
                    return accepted;
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("posting %s %s failed, retrying later: %s", row.type, row.eventId, failure.toString());
                    return false;
                });
    }
}
