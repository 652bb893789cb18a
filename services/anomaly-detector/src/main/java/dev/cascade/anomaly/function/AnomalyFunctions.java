package dev.cascade.anomaly.function;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import dev.cascade.anomaly.service.AnomalyDetector;
import dev.cascade.contracts.EventSources;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.telemetry.WindowClosed;
import dev.cascade.functions.IncomingEvents;
import dev.cascade.functions.ProcessedEvents;
import io.quarkus.funqy.Context;
import io.quarkus.funqy.Funq;
import io.quarkus.funqy.knative.events.CloudEvent;
import io.quarkus.funqy.knative.events.CloudEventMapping;

/** Closed telemetry windows, as the broker delivers them. */
public class AnomalyFunctions {

    @Inject
    ProcessedEvents processed;

    @Inject
    AnomalyDetector detector;

    /** Answers {@value EventTypes#TELEMETRY_ANOMALY_DETECTED_V1} for an anomalous window, 204 for a normal one. */
    @Funq
    @CloudEventMapping(trigger = EventTypes.TELEMETRY_WINDOW_CLOSED_V1)
    public CloudEvent<JsonNode> windowClosed(WindowClosed window, @Context CloudEvent<WindowClosed> event) {
        IncomingEvents.requireValid(EventTypes.TELEMETRY_WINDOW_CLOSED_V1, window);
        return processed.onceBlocking(event, () -> detector.judge(window))
                .toCloudEvent(EventSources.ANOMALY_DETECTOR);
    }
}
