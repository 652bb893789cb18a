package dev.cascade.deadletter.observability;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import dev.cascade.contracts.observability.CascadeMetrics;
import dev.cascade.contracts.observability.EventLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * Measures and logs every request to the sink ({@code POST /}) the way the function services measure the events
 * they handle (function-support's {@code HandledEvents}, same names, tags and log line): counter
 * {@value CascadeMetrics#EVENTS_HANDLED} and timer {@value CascadeMetrics#EVENT_HANDLING} tagged {@code service},
 * {@code type} (the dead event's, bounded) and {@code outcome}, and one INFO line on {@value EventLog#LOGGER} with the
 * event's id, type and source, the outcome, the status and the trace and span ids in the MDC. The sink reads the
 * event itself ({@code DeadLetterSinkResource}) and leaves its attributes in the request for this filter; a request
 * that is no CloudEvent is logged without them.
 */
@ApplicationScoped
public class SinkRequests {

    /** Where the sink resource leaves the event's id, type and source for the log line. */
    public static final String ATTRIBUTES = SinkRequests.class.getName() + ".attributes";

    private static final Logger LOG = Logger.getLogger(EventLog.LOGGER);

    private final MeterRegistry registry;
    private final String service;
    private final ConcurrentHashMap<String, Meters> meters = new ConcurrentHashMap<>();

    SinkRequests(MeterRegistry registry, @ConfigProperty(name = "quarkus.application.name") String service) {
        this.registry = registry;
        this.service = service;
    }

    /** The attributes the log line names; any may be null. */
    public record Attributes(String id, String type, String source) {
    }

    void install(@Observes Filters filters) {
        filters.register(this::observe, 10_000);
    }

    private void observe(RoutingContext routing) {
        if (routing.request().method() != HttpMethod.POST || !"/".equals(routing.normalizedPath())) {
            routing.next();
            return;
        }
        long started = System.nanoTime();
        SpanContext span = Span.current().getSpanContext();
        routing.addEndHandler(answered -> record(routing, started, span, answered.succeeded()));
        routing.next();
    }

    private void record(RoutingContext routing, long started, SpanContext span, boolean answered) {
        long nanos = System.nanoTime() - started;
        int status = answered ? routing.response().getStatusCode() : 0;
        Attributes event = routing.get(ATTRIBUTES);
        if (event == null) {
            event = new Attributes(routing.request().getHeader("ce-id"), routing.request().getHeader("ce-type"),
                    routing.request().getHeader("ce-source"));
        }
        String outcome = CascadeMetrics.outcomeOf(status);
        Meters meter = meters(CascadeMetrics.typeTag(event.type()), outcome);
        meter.handled().increment();
        meter.handling().record(nanos, TimeUnit.NANOSECONDS);
        if (!LOG.isInfoEnabled()) {
            return;
        }
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
            LOG.info(EventLog.message(event.type(), event.id(), status, TimeUnit.NANOSECONDS.toMillis(nanos)));
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

    private static void restore(String key, Object previous) {
        if (previous == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, previous);
        }
    }

    private record Meters(Counter handled, Timer handling) {
    }
}
