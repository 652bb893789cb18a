package dev.cascade.devmesh.broker;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import org.jboss.logging.Logger;

import dev.cascade.devmesh.BrokerClass;
import dev.cascade.devmesh.delivery.Backoff;
import dev.cascade.devmesh.delivery.DeadLetterExtensions;
import dev.cascade.devmesh.delivery.DeliveryPolicy;
import dev.cascade.devmesh.delivery.EventFormat;
import dev.cascade.devmesh.delivery.RetryDecision;
import dev.cascade.devmesh.filter.FilterResult;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * Delivers one event to one Trigger the way the Trigger's broker class does (spec §3–§5): filter, attempts
 * with retry and backoff, the reply back into the broker, and the dead-letter sink with its
 * {@code knativeerror*} extensions. Completes with the outcome; never fails.
 */
@ApplicationScoped
public class TriggerDispatcher {

    private static final Logger LOG = Logger.getLogger("dev.cascade.devmesh.delivery");
    static final String TTL = "knativebrokerttl";
    /** No response at all (connection refused, timeout): the retry logic's "transport error". */
    static final int NO_RESPONSE = -1;
    /** MT's broker-filter answers 502 when a subscriber's 2xx body is not a CloudEvent (spec §4). */
    private static final int BAD_REPLY = 502;
    /** KB's per-request default when delivery.timeout is unset (spec §3.4). */
    private static final Duration KAFKA_DEFAULT_TIMEOUT = Duration.ofSeconds(600);
    /** MT has no per-request timeout; its fanout gives up after 15 minutes (spec §1.4). */
    private static final Duration MT_FANOUT_TIMEOUT = Duration.ofMinutes(15);

    private final Vertx vertx;
    private final WebClient client;
    private final DeliveryLog deliveries;
    private final MeterRegistry registry;
    private final BrokerTracing tracing;
    private final boolean duplicate;
    private final Map<String, Counter> counters = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param duplicate deliver every event that reached its subscriber a second time, as an at-least-once broker
     *                  may (Knative promises no more): a test of consumers' idempotency, never a default
     */
    @Inject
    public TriggerDispatcher(Vertx vertx, DeliveryLog deliveries, MeterRegistry registry, BrokerTracing tracing,
            @ConfigProperty(name = "devmesh.delivery.duplicate", defaultValue = "false") boolean duplicate) {
        this.vertx = vertx;
        this.deliveries = deliveries;
        this.registry = registry;
        this.tracing = tracing;
        this.duplicate = duplicate;
        if (duplicate) {
            LOG.warn("devmesh.delivery.duplicate=true: every delivered event is delivered twice");
        }
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setMaxPoolSize(256)
                .setKeepAlive(true)
                .setTryUseCompression(false)
                .setFollowRedirects(false)
                .setUserAgent("devmesh"));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    public enum Outcome {
        DELIVERED, FILTERED, DEAD_LETTERED, DROPPED;

        /** MT's synchronous fanout reports this trigger as failed to the producer (500). */
        public boolean failed() {
            return this == DROPPED;
        }
    }

    /**
     * One delivery of {@code event} (as the broker holds it, TTL and all) to {@code trigger}; with
     * {@code devmesh.delivery.duplicate}, a delivered event goes out once more, reply and all, before the outcome.
     */
    public Future<Outcome> deliver(Delivery delivery) {
        Future<Outcome> first = deliverOnce(delivery);
        if (!duplicate) {
            return first;
        }
        return first.compose(outcome -> outcome == Outcome.DELIVERED
                ? deliverOnce(delivery).map(outcome)
                : Future.succeededFuture(outcome));
    }

    private Future<Outcome> deliverOnce(Delivery delivery) {
        long started = System.nanoTime();
        TriggerRuntime trigger = delivery.trigger();
        CloudEvent toSubscriber = delivery.brokerClass() == BrokerClass.MT_CHANNEL_BASED
                ? withoutExtension(delivery.event(), TTL)
                : delivery.event();
        if (trigger.filter().filter(toSubscriber) == FilterResult.FAIL) {
            finish(delivery, Outcome.FILTERED, 0, 200, started);
            return Future.succeededFuture(Outcome.FILTERED);
        }
        Promise<Outcome> done = Promise.promise();
        attempt(delivery, toSubscriber, 1, started, done);
        return done.future();
    }

    private void attempt(Delivery delivery, CloudEvent toSubscriber, int attempt, long started, Promise<Outcome> done) {
        TriggerRuntime trigger = delivery.trigger();
        HopSpan span = tracing.delivery(delivery.trace(), delivery.brokerName(), trigger, toSubscriber,
                trigger.subscriber(), attempt, false);
        send(delivery, trigger.subscriber(), toSubscriber, span.context(), true).onComplete(sent -> {
            Response response = sent.result();
            if (response.status() >= 200 && response.status() < 300) {
                handleSuccess(delivery, toSubscriber, attempt, started, response, span, done);
                return;
            }
            span.end(response.status(), response.error());
            RetryDecision.Outcome decision = response.status() == NO_RESPONSE
                    ? RetryDecision.ofTransportError()
                    : RetryDecision.ofStatus(response.status());
            if (decision == RetryDecision.Outcome.RETRY && attempt < trigger.policy().attempts()) {
                retryLater(delivery, attempt, response, () -> attempt(delivery, toSubscriber, attempt + 1, started, done));
                return;
            }
            Map<String, String> errors = response.status() == NO_RESPONSE
                    ? DeadLetterExtensions.forTransportError(delivery.brokerClass(), trigger.subscriber(), response.error())
                    : DeadLetterExtensions.forResponse(delivery.brokerClass(), trigger.subscriber(), response.status(),
                            response.body(), response.headerLists());
            deadLetter(delivery, errors, attempt, response.status(), started, done);
        });
    }

    private void handleSuccess(Delivery delivery, CloudEvent toSubscriber, int attempt, long started, Response response,
            HopSpan span, Promise<Outcome> done) {
        CloudEventCodec.Decoded decoded = CloudEventCodec.decode(response.headers(), response.body());
        if (decoded instanceof CloudEventCodec.Event reply) {
            span.end(response.status(), null);
            forwardReply(delivery, reply.event(), attempt, 1, started,
                    TraceContext.replyParent(span.context(), reply.event(), toSubscriber), done);
            return;
        }
        if (response.body().length == 0) {
            // No event (an empty body, even with an unreadable ce-specversion, is "no reply"): success.
            span.end(response.status(), null);
            finish(delivery, Outcome.DELIVERED, attempt, response.status(), started);
            done.complete(Outcome.DELIVERED);
            return;
        }
        span.end(response.status(), "the reply is not a CloudEvent: "
                + (decoded instanceof CloudEventCodec.Invalid invalid
                        ? invalid.reason()
                        : ((CloudEventCodec.NoEvent) decoded).reason()));
        TriggerRuntime trigger = delivery.trigger();
        if (delivery.brokerClass() == BrokerClass.MT_CHANNEL_BASED) {
            // broker-filter answers 502, which the channel retries as a whole delivery; the DLS event then
            // carries no knativeerror* extensions, because 502 comes without broker-filter's error body.
            if (attempt < trigger.policy().attempts()) {
                Response badReply = new Response(BAD_REPLY, response.headers(), response.body(), null);
                retryLater(delivery, attempt, badReply, () -> attempt(delivery, toSubscriber, attempt + 1, started, done));
            } else {
                deadLetter(delivery, Map.of(), attempt, BAD_REPLY, started, done);
            }
        } else {
            // The Kafka broker fails the delivery without retry and names only the destination.
            deadLetter(delivery, Map.of(DeadLetterExtensions.ERROR_DEST, trigger.subscriber().toString()), attempt,
                    response.status(), started, done);
        }
    }

    /** @param replyParent where the reply's ingress span hangs: the function's span or the delivery's */
    private void forwardReply(Delivery delivery, CloudEvent reply, int attempt, int replyAttempt, long started,
            TraceContext replyParent, Promise<Outcome> done) {
        CloudEvent toBroker = reply;
        if (delivery.brokerClass() == BrokerClass.MT_CHANNEL_BASED) {
            Object ttl = delivery.event().getExtension(TTL);
            toBroker = ttl == null ? reply : CloudEventBuilder.from(reply).withExtension(TTL, ttl.toString()).build();
        }
        CloudEvent replyEvent = toBroker;
        delivery.replies().accept(replyEvent, delivery.passThroughHeaders(), replyParent).onComplete(accepted -> {
            int status = accepted.succeeded() ? accepted.result() : NO_RESPONSE;
            if (status >= 200 && status < 300) {
                finish(delivery, Outcome.DELIVERED, attempt, status, started);
                done.complete(Outcome.DELIVERED);
                return;
            }
            // MT retries only the reply POST, not the subscriber call (spec §4, last row).
            RetryDecision.Outcome decision = status == NO_RESPONSE
                    ? RetryDecision.ofTransportError()
                    : RetryDecision.ofStatus(status);
            if (delivery.brokerClass() == BrokerClass.MT_CHANNEL_BASED && decision == RetryDecision.Outcome.RETRY
                    && replyAttempt < delivery.trigger().policy().attempts()) {
                Response failed = new Response(status, MultiMap.caseInsensitiveMultiMap(), new byte[0], null);
                retryLater(delivery, replyAttempt, failed,
                        () -> forwardReply(delivery, replyEvent, attempt, replyAttempt + 1, started, replyParent, done));
                return;
            }
            Map<String, String> errors = new LinkedHashMap<>();
            errors.put(DeadLetterExtensions.ERROR_DEST, delivery.replyDestination().toString());
            if (status != NO_RESPONSE) {
                errors.put(DeadLetterExtensions.ERROR_CODE, String.valueOf(status));
            }
            deadLetter(delivery, errors, attempt, status, started, done);
        });
    }

    private void deadLetter(Delivery delivery, Map<String, String> errorExtensions, int attempts, int lastStatus,
            long started, Promise<Outcome> done) {
        TriggerRuntime trigger = delivery.trigger();
        if (trigger.deadLetterSink() == null) {
            finish(delivery, Outcome.DROPPED, attempts, lastStatus, started);
            done.complete(Outcome.DROPPED);
            return;
        }
        CloudEventBuilder builder = CloudEventBuilder.from(delivery.event());
        errorExtensions.forEach(builder::withExtension);
        CloudEvent deadLetter = builder.build();
        sendToSink(delivery, deadLetter, 1, attempts, started, done);
    }

    /** The dead-letter send uses the trigger's retry and backoff too (spec §3.5). */
    private void sendToSink(Delivery delivery, CloudEvent deadLetter, int sinkAttempt, int attempts, long started,
            Promise<Outcome> done) {
        TriggerRuntime trigger = delivery.trigger();
        boolean preferReply = delivery.brokerClass() == BrokerClass.KAFKA;
        HopSpan span = tracing.delivery(delivery.trace(), delivery.brokerName(), trigger, deadLetter,
                trigger.deadLetterSink(), sinkAttempt, true);
        send(delivery, trigger.deadLetterSink(), deadLetter, span.context(), preferReply).onComplete(sent -> {
            Response response = sent.result();
            span.end(response.status(), response.error());
            if (response.status() >= 200 && response.status() < 300) {
                finish(delivery, Outcome.DEAD_LETTERED, attempts, response.status(), started);
                done.complete(Outcome.DEAD_LETTERED);
                return;
            }
            RetryDecision.Outcome decision = response.status() == NO_RESPONSE
                    ? RetryDecision.ofTransportError()
                    : RetryDecision.ofStatus(response.status());
            if (decision == RetryDecision.Outcome.RETRY && sinkAttempt < trigger.policy().attempts()) {
                retryLater(delivery, sinkAttempt, response,
                        () -> sendToSink(delivery, deadLetter, sinkAttempt + 1, attempts, started, done));
                return;
            }
            LOG.warnf("dead-letter sink %s refused event %s of trigger %s: %s", trigger.deadLetterSink(),
                    delivery.event().getId(), trigger.qualifiedName(),
                    response.status() == NO_RESPONSE ? response.error() : "HTTP " + response.status());
            finish(delivery, Outcome.DROPPED, attempts, response.status(), started);
            done.complete(Outcome.DROPPED);
        });
    }

    private void retryLater(Delivery delivery, int failedAttempt, Response failed, Runnable next) {
        String retryAfter = failed.headers().get("Retry-After");
        Duration wait = Backoff.beforeRetry(failedAttempt, delivery.trigger().policy(), delivery.brokerClass(),
                failed.status(), retryAfter, Instant.now());
        counter("devmesh_delivery_retries_total", delivery).increment();
        long millis = wait.toMillis();
        if (millis <= 0) {
            vertx.runOnContext(ignored -> next.run());
        } else {
            vertx.setTimer(millis, ignored -> next.run());
        }
    }

    private Future<Response> send(Delivery delivery, URI target, CloudEvent event, TraceContext span,
            boolean preferReply) {
        HttpRequest<Buffer> request = client.requestAbs(HttpMethod.POST, target.toString());
        MultiMap headers = request.headers();
        byte[] body;
        if (delivery.brokerClass() == BrokerClass.MT_CHANNEL_BASED) {
            headers.addAll(delivery.passThroughHeaders());
        }
        if (delivery.brokerClass() == BrokerClass.MT_CHANNEL_BASED && delivery.trigger().policy().format() == EventFormat.JSON) {
            headers.set("Content-Type", CloudEventCodec.STRUCTURED_JSON);
            body = CloudEventCodec.writeStructured(event);
        } else {
            body = CloudEventCodec.writeBinary(event, headers::add);
        }
        if (preferReply) {
            headers.set("Prefer", "reply");
        }
        headers.set("Kn-Namespace", delivery.trigger().namespace());
        headers.set("traceparent", span.traceparent());
        if (span.traceState() != null) {
            headers.set("tracestate", span.traceState());
        }
        Duration timeout = delivery.trigger().policy().timeout();
        if (timeout == null) {
            timeout = delivery.brokerClass() == BrokerClass.KAFKA ? KAFKA_DEFAULT_TIMEOUT : MT_FANOUT_TIMEOUT;
        }
        request.timeout(Math.max(1, timeout.toMillis()));
        Promise<Response> response = Promise.promise();
        request.sendBuffer(Buffer.buffer(body)).onComplete(result -> {
            if (result.succeeded()) {
                HttpResponse<Buffer> http = result.result();
                Buffer payload = http.body();
                response.complete(new Response(http.statusCode(), http.headers(),
                        payload == null ? new byte[0] : payload.getBytes(), null));
            } else {
                String error = result.cause().getMessage() == null
                        ? result.cause().getClass().getSimpleName()
                        : result.cause().getMessage();
                response.complete(new Response(NO_RESPONSE, MultiMap.caseInsensitiveMultiMap(), new byte[0], error));
            }
        });
        return response.future();
    }

    private void finish(Delivery delivery, Outcome outcome, int attempts, int lastStatus, long started) {
        long latencyMillis = (System.nanoTime() - started) / 1_000_000;
        TriggerRuntime trigger = delivery.trigger();
        CloudEvent event = delivery.event();
        String status = switch (outcome) {
            case DELIVERED -> DeliveryRecord.DELIVERED;
            case FILTERED -> DeliveryRecord.FILTERED;
            case DEAD_LETTERED -> DeliveryRecord.DEAD_LETTERED;
            case DROPPED -> DeliveryRecord.DROPPED;
        };
        if (outcome != Outcome.FILTERED) {
            // Every event meets every Trigger of its broker; a record per refusal would bury the deliveries.
            deliveries.add(new DeliveryRecord(event.getId(), event.getType(), event.getSource().toString(),
                    delivery.brokerName(), trigger.qualifiedName(), attempts, status, lastStatus, latencyMillis,
                    delivery.trace().traceId(), Instant.now()));
        }
        counter("devmesh_deliveries_total", delivery, "outcome", status).increment();
        if (outcome != Outcome.FILTERED) {
            // Registered at zero with the Trigger's first delivery, so that a rate over retries (the dashboard's,
            // the alert rules') has a series before the first retry rather than no data.
            counter("devmesh_delivery_retries_total", delivery);
            latencyTimer(delivery).record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
        if (outcome != Outcome.FILTERED && LOG.isInfoEnabled()) {
            // One line per delivery, key=value; built only when the category logs at INFO.
            LOG.infof("delivery broker=%s trigger=%s id=%s type=%s source=%s outcome=%s attempts=%d code=%d latency_ms=%d trace_id=%s",
                    delivery.brokerName(), trigger.qualifiedName(), oneLine(event.getId()), oneLine(event.getType()),
                    oneLine(event.getSource().toString()), status, attempts, lastStatus, latencyMillis,
                    delivery.trace().traceId());
        }
    }

    /** Meters are looked up once per (name, broker, trigger, outcome), not built per delivery. */
    private Counter counter(String name, Delivery delivery, String... extraTags) {
        String key = name + '|' + delivery.brokerName() + '|' + delivery.trigger().qualifiedName() + '|'
                + String.join("|", extraTags);
        return counters.computeIfAbsent(key, k -> {
            List<String> tags = new ArrayList<>(List.of("broker", delivery.brokerName(), "trigger",
                    delivery.trigger().qualifiedName()));
            tags.addAll(List.of(extraTags));
            return registry.counter(name, tags.toArray(String[]::new));
        });
    }

    private Timer latencyTimer(Delivery delivery) {
        return timers.computeIfAbsent(delivery.brokerName() + '|' + delivery.trigger().qualifiedName(),
                key -> Timer.builder("devmesh_delivery_latency")
                        .description("Time from the first attempt to the final outcome of a delivery")
                        .tags("broker", delivery.brokerName(), "trigger", delivery.trigger().qualifiedName())
                        .publishPercentileHistogram()
                        .register(registry));
    }

    /** Hostile ids and types must not break the one-line-per-delivery log. */
    private static String oneLine(String value) {
        String clean = value.length() > 200 ? value.substring(0, 200) + "…" : value;
        if (clean.indexOf('\r') >= 0 || clean.indexOf('\n') >= 0 || clean.indexOf('\t') >= 0) {
            clean = clean.replace('\r', ' ').replace('\n', ' ').replace('\t', ' ');
        }
        return clean;
    }

    static CloudEvent withoutExtension(CloudEvent event, String name) {
        return event.getExtension(name) == null ? event : CloudEventBuilder.from(event).withoutExtension(name).build();
    }

    /** One subscriber, dead-letter or reply response, or a transport error ({@link #NO_RESPONSE}). */
    record Response(int status, MultiMap headers, byte[] body, String error) {

        Map<String, List<String>> headerLists() {
            Map<String, List<String>> lists = new LinkedHashMap<>();
            for (String name : headers.names()) {
                lists.put(name.toLowerCase(Locale.ROOT), headers.getAll(name));
            }
            return lists;
        }
    }

    /**
     * Everything one delivery needs.
     *
     * @param trace            the position of the event's ingress span: the parent of every attempt's span
     * @param replyDestination the broker ingress URL, named as the failed destination when a reply is refused
     */
    public record Delivery(
            BrokerClass brokerClass,
            String brokerName,
            TriggerRuntime trigger,
            CloudEvent event,
            MultiMap passThroughHeaders,
            TraceContext trace,
            ReplySink replies,
            URI replyDestination) {
    }
}
