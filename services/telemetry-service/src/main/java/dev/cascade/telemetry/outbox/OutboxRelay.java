package dev.cascade.telemetry.outbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.cascade.contracts.DataSchemas;
import dev.cascade.telemetry.config.BrokerConfig;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Publishes the outbox (closed windows) to the broker ingress as binary-mode CloudEvents, the pattern of
 * order-service's relay: one thread per replica, woken after every batch that closed windows and every second by
 * itself; rows are claimed with {@code for update skip locked}, marked published on a 2xx and retried with
 * exponential backoff otherwise. A crash between the post and the commit posts a window again with the same
 * CloudEvent id, which consumers' idempotency absorbs.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    BrokerConfig config;

    @Inject
    MeterRegistry registry;

    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread worker;
    private HttpClient client;
    private Counter published;
    private Counter refused;

    void start(@Observes StartupEvent event) {
        client = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
        published = registry.counter("cascade.outbox.published");
        refused = registry.counter("cascade.outbox.failed");
        running = true;
        worker = new Thread(this::run, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
        wake();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (worker != null) {
            worker.interrupt();
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
                    posted = publishDue();
                } while (running && posted >= config.batch());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.warnf("outbox relay pass failed, next in a second: %s", e.toString());
                }
            }
        }
    }

    private record Row(String eventId, String type, String source, String subject, String data, Instant createdAt,
            int attempts, String traceparent) {
    }

    /** One pass: claims due rows, posts them concurrently, records each outcome; answers how many it claimed. */
    int publishDue() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                List<Row> rows = claim(connection);
                List<CompletableFuture<Boolean>> posts = rows.stream().map(this::post).toList();
                Instant now = Instant.now();
                try (PreparedStatement update = connection.prepareStatement("""
                        update outbox set attempts = attempts + 1,
                            published_at = case when ? then ? else published_at end,
                            next_attempt_at = ?
                        where event_id = ?::uuid""")) {
                    for (int i = 0; i < rows.size(); i++) {
                        Row row = rows.get(i);
                        boolean ok = posts.get(i).join();
                        (ok ? published : refused).increment();
                        update.setBoolean(1, ok);
                        update.setObject(2, now.atOffset(ZoneOffset.UTC));
                        update.setObject(3, now.plus(backoff(row.attempts() + 1)).atOffset(ZoneOffset.UTC));
                        update.setString(4, row.eventId());
                        update.addBatch();
                    }
                    update.executeBatch();
                }
                connection.commit();
                return rows.size();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private List<Row> claim(Connection connection) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("""
                select event_id, type, source, subject, data, created_at, attempts, traceparent from outbox
                where published_at is null and next_attempt_at <= now()
                order by created_at limit ?
                for update skip locked""")) {
            select.setInt(1, config.batch());
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(result.getString(1), result.getString(2), result.getString(3),
                            result.getString(4), result.getString(5),
                            result.getObject(6, OffsetDateTime.class).toInstant(), result.getInt(7),
                            result.getString(8)));
                }
            }
        }
        return rows;
    }

    private Duration backoff(int attempts) {
        Duration delay = config.backoff().multipliedBy(1L << Math.min(attempts - 1, 20));
        return delay.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : delay;
    }

    private CompletableFuture<Boolean> post(Row row) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(config.url()))
                .timeout(config.timeout())
                .header("ce-specversion", "1.0")
                .header("ce-id", row.eventId())
                .header("ce-source", row.source())
                .header("ce-type", row.type())
                .header("ce-time", row.createdAt().toString())
                .header("ce-dataschema", DataSchemas.uriOf(row.type()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(row.data()));
        if (row.subject() != null) {
            request.header("ce-subject", row.subject());
        }
        if (row.traceparent() != null) {
            // W3C on the HTTP hop, and the CloudEvents distributed-tracing extension on the event itself.
            request.header("traceparent", row.traceparent());
            request.header("ce-traceparent", row.traceparent());
        }
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
                .thenApply(response -> {
                    boolean accepted = response.statusCode() / 100 == 2;
                    if (!accepted) {
                        LOG.warnf("broker refused %s %s with %d, retrying later", row.type(), row.eventId(),
                                response.statusCode());
                    }
                    return accepted;
                })
                .exceptionally(failure -> {
                    LOG.warnf("posting %s %s failed, retrying later: %s", row.type(), row.eventId(),
                            failure.toString());
                    return false;
                });
    }
}
