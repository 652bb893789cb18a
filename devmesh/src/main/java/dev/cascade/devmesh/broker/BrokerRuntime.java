package dev.cascade.devmesh.broker;

import java.net.URI;
import java.util.List;

import dev.cascade.devmesh.BrokerClass;
import io.cloudevents.CloudEvent;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;

/** One loaded Broker's data plane: it accepts events at its ingress and delivers them to its Triggers. */
public interface BrokerRuntime {

    String namespace();

    String name();

    BrokerClass brokerClass();

    URI ingressUrl();

    /** Replaces the triggers this broker delivers to; deliveries in flight finish with the old ones. */
    void updateTriggers(List<TriggerRuntime> triggers);

    /**
     * Accepts a valid event (spec §1.4–§1.6); completes with the HTTP status the ingress answers, and an
     * error text for 4xx/5xx. The ingress span is a child of {@code parent}, or starts a trace when it is null.
     */
    Future<IngressResult> ingest(CloudEvent event, MultiMap passThroughHeaders, TraceContext parent);

    /** Stops accepting; deliveries in flight finish. */
    void close();

    record IngressResult(int status, String message) {

        public static IngressResult accepted() {
            return new IngressResult(202, null);
        }

        /** Ends an ingress span with what the ingress answered. */
        static void end(HopSpan span, AsyncResult<IngressResult> answered) {
            if (answered.succeeded()) {
                span.end(answered.result().status(), answered.result().message());
            } else {
                span.end(500, answered.cause().getMessage());
            }
        }
    }
}
