package dev.cascade.functions;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import dev.cascade.contracts.observability.CascadeMetrics;
import dev.cascade.contracts.observability.EventLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * Measures and logs every CloudEvent the service answers, whatever answers it: the function, Funqy's own 4xx/5xx,
 * or {@link EventFailureRoutes}. A Vert.x filter sees each request before Funqy and the answer after everything else,
 * so every event is counted exactly once with the status the broker got:
 * <ul>
 * <li>counter {@value CascadeMetrics#EVENTS_HANDLED} and timer {@value CascadeMetrics#EVENT_HANDLING} (percentile
 * histogram), tagged {@code service} ({@code quarkus.application.name}), {@code type} (bounded, see
 * {@link CascadeMetrics#typeTag}) and {@code outcome} ({@link CascadeMetrics#outcomeOf}: success, retried,
 * permanent);</li>
 * <li>one INFO line on logger {@value EventLog#LOGGER}, {@code handled <type> <id> -> <status> in <n> ms}, with the
 * event's id, type and source, the outcome, the status and the request's trace and span ids in the MDC.</li>
 * </ul>
 * The answer is written after the server span's scope has closed, so the trace and span ids are taken when the request
 * arrives; the OpenTelemetry context is kept with the request for {@link Tracing#current()}.
 */
@ApplicationScoped
public class HandledEvents {

    /** Early among the filters, and filters run before every route: the time includes reading the body. */
    static final int PRIORITY = 10_000;

    private static final Logger LOG = Logger.getLogger(EventLog.LOGGER);
    private static final JsonFactory JSON = new JsonFactory();

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    private final ConcurrentHashMap<String, Meters> meters = new ConcurrentHashMap<>();

    void install(@Observes Filters filters) {
        filters.register(this::observe, PRIORITY);
    }

    private void observe(RoutingContext routing) {
        if (routing.request().method() != HttpMethod.POST || !isCloudEvent(routing.request().headers())) {
            routing.next();
            return;
        }
        long started = System.nanoTime();
        Context trace = Context.current();
        routing.put(Tracing.REQUEST_CONTEXT, trace);
        SpanContext span = Span.fromContext(trace).getSpanContext();
        routing.addEndHandler(answered -> record(routing, started, span, answered.succeeded()));
        routing.next();
    }

    private void record(RoutingContext routing, long started, SpanContext span, boolean answered) {
        long nanos = System.nanoTime() - started;
        int status = answered ? routing.response().getStatusCode() : 0;
        Attributes event = attributes(routing);
        String outcome = CascadeMetrics.outcomeOf(status);
        Meters meter = meters(CascadeMetrics.typeTag(event.type()), outcome);
        meter.handled().increment();
        meter.handling().record(nanos, TimeUnit.NANOSECONDS);
        log(event, outcome, status, TimeUnit.NANOSECONDS.toMillis(nanos), span);
    }

    private void log(Attributes event, String outcome, int status, long millis, SpanContext span) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        // Quarkus may have the span's ids in the MDC of this context already; restore whatever was there.
        Object traceId = MDC.get(EventLog.TRACE_ID);
        Object spanId = MDC.get(EventLog.SPAN_ID);
        MDC.put(EventLog.EVENT_ID, EventLog.oneLine(event.id()));
        MDC.put(EventLog.EVENT_TYPE, EventLog.oneLine(event.type()));
        MDC.put(EventLog.EVENT_SOURCE, EventLog.oneLine(event.source()));
        MDC.put(EventLog.OUTCOME, outcome);
        MDC.put(EventLog.STATUS, Integer.toString(status));
        if (span.isValid()) {
            MDC.put(EventLog.TRACE_ID, span.getTraceId());
            MDC.put(EventLog.SPAN_ID, span.getSpanId());
        }
        try {
            LOG.info(EventLog.message(event.type(), event.id(), status, millis));
        } finally {
            MDC.remove(EventLog.EVENT_ID);
            MDC.remove(EventLog.EVENT_TYPE);
            MDC.remove(EventLog.EVENT_SOURCE);
            MDC.remove(EventLog.OUTCOME);
            MDC.remove(EventLog.STATUS);
            restore(EventLog.TRACE_ID, traceId);
            restore(EventLog.SPAN_ID, spanId);
        }
    }

    private Meters meters(String type, String outcome) {
        return meters.computeIfAbsent(type + ' ' + outcome, key -> new Meters(
                Counter.builder(CascadeMetrics.EVENTS_HANDLED)
                        .description("CloudEvents answered, by outcome as the broker treats the answer")
                        .tags(CascadeMetrics.TAG_SERVICE, service, CascadeMetrics.TAG_TYPE, type,
                                CascadeMetrics.TAG_OUTCOME, outcome)
                        .register(registry),
                Timer.builder(CascadeMetrics.EVENT_HANDLING)
                        .description("From a CloudEvent's arrival to its answer")
                        .tags(CascadeMetrics.TAG_SERVICE, service, CascadeMetrics.TAG_TYPE, type,
                                CascadeMetrics.TAG_OUTCOME, outcome)
                        .publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofMillis(1))
                        .maximumExpectedValue(Duration.ofSeconds(60))
                        .register(registry)));
    }

    /** A CloudEvent in binary ({@code ce-*} headers) or structured ({@code application/cloudevents+json}) mode. */
    static boolean isCloudEvent(MultiMap headers) {
        if (headers.contains("ce-specversion") || headers.contains("ce-id")) {
            return true;
        }
        String contentType = headers.get("content-type");
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/cloudevents");
    }

    /** The event's id, type and source: from the headers in binary mode, from the body in structured mode. */
    static Attributes attributes(RoutingContext routing) {
        MultiMap headers = routing.request().headers();
        if (headers.contains("ce-id") || headers.contains("ce-type") || headers.contains("ce-specversion")) {
            return new Attributes(headers.get("ce-id"), headers.get("ce-type"), headers.get("ce-source"));
        }
        Buffer body = routing.body() == null ? null : routing.body().buffer();
        return body == null ? Attributes.NONE : structured(body.getBytes());
    }

    /** The top-level {@code id}, {@code type} and {@code source} strings of a structured event; absent ones null. */
    static Attributes structured(byte[] body) {
        String id = null;
        String type = null;
        String source = null;
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Attributes.NONE;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_STRING) {
                    switch (field) {
                        case "id" -> id = parser.getText();
                        case "type" -> type = parser.getText();
                        case "source" -> source = parser.getText();
                        default -> {
                        }
                    }
                } else {
                    parser.skipChildren();
                }
                if (id != null && type != null && source != null) {
                    break;
                }
            }
        } catch (IOException e) {
            // Not JSON, or cut short: whatever was read before is still worth logging.
        }
        return new Attributes(id, type, source);
    }

    private static void restore(String key, Object previous) {
        if (previous == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, previous);
        }
    }

    /** The CloudEvent attributes the log line names; any may be null. */
    record Attributes(String id, String type, String source) {
        static final Attributes NONE = new Attributes(null, null, null);
    }

    private record Meters(Counter handled, Timer handling) {
    }
}
