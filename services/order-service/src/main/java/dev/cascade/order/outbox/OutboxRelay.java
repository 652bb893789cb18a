package dev.cascade.order.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.hibernate.LockMode;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import dev.cascade.contracts.DataSchemas;
import dev.cascade.functions.ProcessedEvents;
import dev.cascade.functions.TraceHeaders;
import dev.cascade.functions.Tracing;
import dev.cascade.order.config.BrokerConfig;
import dev.cascade.order.repository.OutboxEntry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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
 * published on a 2xx; a refused or failed post is retried with exponential backoff.
 * <p>
 * <b>Handed over, not polled.</b> A use case that writes to the outbox collects its rows ({@link OutboxBatch}); they
 * are born leased to this process (their {@code next_attempt_at} lies past the post timeout), and once the transaction
 * committed the caller hands them here ({@link #publish(OutboxBatch)}), and their posts start at once: no query
 * finds them, no transaction claims them.
 * <p>
 * <b>Pipelined.</b> Posts are not waited for: each outcome is queued and written later, many in one statement, by
 * the relay thread's next pass. This matters because the channel-based broker answers a post only after every Trigger
 * delivered the event, so one slow subscriber keeps one post open for as long as it takes; a relay that waited for a
 * whole batch held every event that fell due meanwhile behind the slowest delivery of the batch, and one stall
 * delayed every order in flight. At most {@link BrokerConfig#maxInFlight()} posts are open at a time; the others
 * wait in memory, still leased.
 * <p>
 * <b>The scan.</b> The relay thread also looks for due rows every second (and when {@link #wake() woken}): failed
 * posts whose backoff is over, rows written outside a batch, rows whose lease ended because their replica died
 * mid-post. It claims them {@code for update skip locked} (so replicas never claim the same row) by moving their
 * {@code next_attempt_at} past the post timeout, a lease, and posts them like the handed-over ones. A starting
 * replica first takes over every unpublished row ({@link #takeOver()}), so a crashed process's events leave as soon
 * as it is back rather than when their leases end.
 * <p>
 * Delivery is at least once: a crash between a post and the pass that records it, or a takeover of a row another
 * live replica is still posting, posts the row again with the same CloudEvent id, which the consumers' idempotency
 * absorbs.
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
     * Due rows, locked with {@code for update skip locked} so that two relays never claim the same row. HQL, not a
     * native query: Hibernate caches a native query's plan under a key its result mapping never equals again, so
     * every pass added an entry colliding with all the others, and the relay's lookups grew into a tenth of
     * order-service's CPU.
     */
    private static final String DUE = """
            from OutboxEntry
            where publishedAt is null and nextAttemptAt <= :now
            order by createdAt""";
    private static final String LEASE = """
            update OutboxEntry set nextAttemptAt = :until
            where eventId in :ids""";
    private static final String PUBLISHED = """
            update OutboxEntry set publishedAt = :at, attempts = attempts + 1
            where eventId in :ids""";
    private static final String RETRY_AT = """
            update OutboxEntry set nextAttemptAt = :at, attempts = attempts + 1
            where eventId = :id""";
    private static final String TAKE_OVER = """
            update OutboxEntry set nextAttemptAt = :now
            where publishedAt is null and nextAttemptAt > :now""";
    /** How long a post's outcome may wait to be written (with the others that finished meanwhile). */
    private static final long LINGER_MILLIS = 20;
    /** How often the relay scans for due rows when nothing asks it to. */
    private static final Duration SCAN_EVERY = Duration.ofSeconds(1);
    /** How long past the post's own timeout a lease lasts, so that a post's outcome always lands within it. */
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(10);

    @Inject
    Vertx vertx;

    @Inject
    BrokerConfig config;

    @Inject
    MeterRegistry registry;

    private final Semaphore wakeUps = new Semaphore(0);
    private final AtomicBoolean scanAsked = new AtomicBoolean(true);
    /** Rows leased to this process and not yet posted; with the posts under way, the rows the scan must not claim. */
    private final Queue<OutboxEntry> waiting = new ConcurrentLinkedQueue<>();
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean running;
    private Thread worker;
    private WebClient client;
    private io.vertx.core.Context postContext;
    private Counter published;
    private Counter refused;
    private Timer waited;

    /** A finished post: its row and whether the broker took it. */
    private record Outcome(OutboxEntry row, boolean accepted) {
    }

    void start(@Observes StartupEvent event) {
        client = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) config.timeout().toMillis())
                .setKeepAlive(true)
                .setMaxPoolSize(config.maxInFlight()));
        postContext = vertx.getDelegate().getOrCreateContext();
        published = registry.counter("cascade.outbox.published");
        refused = registry.counter("cascade.outbox.failed");
        waited = Timer.builder("cascade.outbox.wait")
                .description("From an event's commit to the outbox to the start of its first post to the broker")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
        running = true;
        worker = new Thread(this::run, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
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

    /**
     * Posts the rows of a committed transaction's batch. Call it after the commit, never before (a rolled-back
     * attempt's rows do not exist). Never blocks.
     */
    public void publish(OutboxBatch batch) {
        for (OutboxEntry row : batch.rows()) {
            held.add(row.eventId);
            waiting.add(row);
        }
        dispatch();
    }

    /** Scans for due rows now; call it after a commit that wrote to the outbox outside a batch. Never blocks. */
    public void wake() {
        scanAsked.set(true);
        wakeUps.release();
    }

    /** The end of a lease taken at {@code now}: past the post's timeout, so that its outcome always lands within. */
    Instant leaseEnd(Instant now) {
        return now.plus(config.timeout()).plus(LEASE_MARGIN);
    }

    private void run() {
        boolean takenOver = false;
        Instant nextScan = Instant.now();
        while (running) {
            try {
                if (!takenOver) {
                    // Whatever a previous process committed but did not publish goes out first.
                    int rows = ProcessedEvents.await(this::takeOver);
                    takenOver = true;
                    if (rows > 0) {
                        LOG.infof("took over %d unpublished outbox rows", rows);
                    }
                }
                boolean scan = scanAsked.getAndSet(false) || !Instant.now().isBefore(nextScan);
                if (scan) {
                    nextScan = Instant.now().plus(SCAN_EVERY);
                }
                boolean more = ProcessedEvents.await(() -> pass(scan));
                while (running && more) {
                    more = ProcessedEvents.await(() -> pass(true));
                }
                long sleep = outcomes.isEmpty()
                        ? Math.max(1, Duration.between(Instant.now(), nextScan).toMillis())
                        : LINGER_MILLIS;
                wakeUps.tryAcquire(sleep, TimeUnit.MILLISECONDS);
                wakeUps.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warnf("outbox relay pass failed, next in a second: %s", e.toString());
                    sleepQuietly();
                }
            }
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Makes every unpublished row due now, leased or not; answers how many were not. A starting replica does this
     * first, so that the events a crashed process had claimed leave at once instead of when their leases end.
     */
    public Uni<Integer> takeOver() {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                .createMutationQuery(TAKE_OVER)
                .setParameter("now", Instant.now())
                .executeUpdate()));
    }

    /**
     * One pass, one transaction: writes the outcomes of the posts that finished since the last pass and, when
     * {@code scan}, leases the rows due now (as many as there is room for) and, once that committed, posts them.
     * Answers whether there may be more due rows than it had room for.
     */
    Uni<Boolean> pass(boolean scan) {
        List<Outcome> finished = new ArrayList<>();
        for (Outcome outcome = outcomes.poll(); outcome != null; outcome = outcomes.poll()) {
            finished.add(outcome);
        }
        int room = scan ? config.maxInFlight() - inFlight.get() - waiting.size() : 0;
        if (finished.isEmpty() && room <= 0) {
            return Uni.createFrom().item(false);
        }
        Instant now = Instant.now();
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> record(session, finished, now)
                .chain(() -> room <= 0 ? Uni.createFrom().item(List.<OutboxEntry>of()) : claim(session, room, now))))
                .onFailure().invoke(failure -> outcomes.addAll(finished))
                .invoke(claimed -> {
                    count(finished);
                    claimed.forEach(row -> held.add(row.eventId));
                    waiting.addAll(claimed);
                    dispatch();
                })
                .map(claimed -> room > 0 && claimed.size() == room);
    }

    private Uni<Void> record(Mutiny.Session session, List<Outcome> finished, Instant now) {
        List<String> accepted = finished.stream().filter(Outcome::accepted).map(outcome -> outcome.row().eventId)
                .toList();
        Uni<Integer> written = accepted.isEmpty()
                ? Uni.createFrom().item(0)
                : session.createMutationQuery(PUBLISHED)
                        .setParameter("at", now)
                        .setParameter("ids", accepted)
                        .executeUpdate();
        for (Outcome outcome : finished) {
            if (!outcome.accepted()) {
                written = written.chain(ignored -> session.createMutationQuery(RETRY_AT)
                        .setParameter("at", now.plus(backoff(outcome.row().attempts + 1)))
                        .setParameter("id", outcome.row().eventId)
                        .executeUpdate());
            }
        }
        return written.replaceWithVoid();
    }

    private Uni<List<OutboxEntry>> claim(Mutiny.Session session, int room, Instant now) {
        return session.createSelectionQuery(DUE, OutboxEntry.class)
                .setParameter("now", now)
                .setMaxResults(room)
                .setLockMode(LockMode.UPGRADE_SKIPLOCKED)
                .getResultList()
                // A row of this process's whose lease ran out while it waited here is not claimed twice.
                .map(rows -> rows.stream().filter(row -> !held.contains(row.eventId)).toList())
                .call(rows -> rows.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : session.createMutationQuery(LEASE)
                                .setParameter("until", leaseEnd(now))
                                .setParameter("ids", rows.stream().map(row -> row.eventId).toList())
                                .executeUpdate());
    }

    private void count(List<Outcome> finished) {
        for (Outcome outcome : finished) {
            (outcome.accepted() ? published : refused).increment();
        }
    }

    /** Starts the posts of waiting rows while there is room; each outcome is queued for the next pass. */
    private void dispatch() {
        while (true) {
            int open = inFlight.get();
            if (open >= config.maxInFlight()) {
                return;
            }
            if (!inFlight.compareAndSet(open, open + 1)) {
                continue;
            }
            OutboxEntry row = waiting.poll();
            if (row == null) {
                inFlight.decrementAndGet();
                // A row queued between the poll and the decrement would otherwise wait for the next dispatch.
                if (waiting.isEmpty()) {
                    return;
                }
                continue;
            }
            if (row.attempts == 0) {
                waited.record(Duration.between(row.createdAt, Instant.now()));
            }
            // Posts need a Vert.x context (for the trace), and publish() is called from worker threads.
            postContext.runOnContext(ignored -> post(row).subscribe().with(accepted -> finished(row, accepted)));
        }
    }

    private void finished(OutboxEntry row, boolean accepted) {
        inFlight.decrementAndGet();
        held.remove(row.eventId);
        outcomes.add(new Outcome(row, accepted));
        dispatch();
    }

    private Duration backoff(int attempts) {
        Duration delay = config.backoff().multipliedBy(1L << Math.min(Math.max(attempts, 1) - 1, 20));
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
