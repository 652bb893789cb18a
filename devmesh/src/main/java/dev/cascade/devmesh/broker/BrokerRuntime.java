package dev.cascade.devmesh.broker;

import java.net.URI;
import java.util.List;

import dev.cascade.devmesh.BrokerClass;
import io.cloudevents.CloudEvent;
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
     * error text for 4xx/5xx.
     */
    Future<IngressResult> ingest(CloudEvent event, MultiMap passThroughHeaders, TraceContext trace);

    /** Stops accepting; deliveries in flight finish. */
    void close();

    record IngressResult(int status, String message) {

        public static IngressResult accepted() {
            return new IngressResult(202, null);
        }
    }
}
