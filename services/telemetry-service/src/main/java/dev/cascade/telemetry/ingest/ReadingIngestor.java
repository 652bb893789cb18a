package dev.cascade.telemetry.ingest;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import dev.cascade.contracts.Topics;
import dev.cascade.telemetry.config.TelemetryConfig;
import dev.cascade.telemetry.outbox.OutboxRelay;
import dev.cascade.telemetry.repository.BatchResult;
import dev.cascade.telemetry.repository.Outcome;
import dev.cascade.telemetry.repository.TelemetryStore;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.smallrye.common.annotation.Blocking;

/**
 * Consumes {@code cascade.telemetry.readings.raw} one poll at a time ({@code batch=true}): decodes every record,
 * applies the batch to the store in one transaction ({@link TelemetryStore}), publishes the rejections, and only then
 * returns, which acknowledges the batch; the throttled commit strategy commits acknowledged offsets. A crash anywhere
 * before that redelivers the batch, which the store absorbs. A failed transaction is retried with backoff, so a
 * database outage stalls ingestion rather than losing readings (the channel's health turns red after a minute).
 */
@ApplicationScoped
public class ReadingIngestor {

    public static final String CHANNEL = "readings-raw";
    private static final Logger LOG = Logger.getLogger(ReadingIngestor.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    @Inject
    ReadingDecoder decoder;

    @Inject
    TelemetryStore store;

    @Inject
    RejectedReadings rejected;

    @Inject
    ReadingMetrics metrics;

    @Inject
    OutboxRelay relay;

    @Inject
    TelemetryConfig config;

    @Inject
    BatchTracing tracing;

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<String, String> records) throws InterruptedException {
        List<Decoded> batch = new ArrayList<>(records.count());
        List<String> rejectionIds = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> record : records) {
            batch.add(decoder.decode(record.value(), record.headers()));
            rejectionIds.add(RejectedReadings.eventIdFor(record.topic(), record.partition(), record.offset()));
        }
        Span span = tracing.start(Topics.TELEMETRY_READINGS_RAW, batch.size(),
                batch.stream().map(Decoded::traceparent).toList());
        try (Scope scope = span.makeCurrent()) {
            consume(batch, rejectionIds);
        } finally {
            span.end();
        }
    }

    private void consume(List<Decoded> batch, List<String> rejectionIds) throws InterruptedException {
        BatchResult result = applyWithRetry(batch);
        List<RejectedReadings.Rejection> rejections = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Outcome outcome = result.outcomes().get(i);
            if (outcome.kind() == Outcome.Kind.REJECTED) {
                rejections.add(new RejectedReadings.Rejection(rejectionIds.get(i), batch.get(i), outcome.reason(),
                        outcome.detail()));
            }
        }
        rejected.publish(rejections);
        result.outcomes().forEach(metrics::count);
        if (result.windowsClosed() > 0) {
            metrics.windowsClosed(result.windowsClosed());
            relay.wake();
        }
        LOG.debugf("batch of %d readings: %d rejected, %d windows closed", batch.size(), rejections.size(),
                result.windowsClosed());
    }

    private BatchResult applyWithRetry(List<Decoded> batch) throws InterruptedException {
        Duration backoff = config.retryBackoff();
        for (int attempt = 1;; attempt++) {
            try {
                return store.ingest(batch);
            } catch (SQLException | RuntimeException e) {
                LOG.warnf("storing a batch of %d readings failed (attempt %d), retrying in %d ms: %s", batch.size(),
                        attempt, backoff.toMillis(), e.toString());
                Thread.sleep(backoff.toMillis());
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }
}
