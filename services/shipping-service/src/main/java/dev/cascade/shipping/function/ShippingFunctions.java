package dev.cascade.shipping.function;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import dev.cascade.contracts.EventSources;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.shipping.CancelShipment;
import dev.cascade.contracts.shipping.ScheduleShipment;
import dev.cascade.functions.IncomingEvents;
import dev.cascade.functions.ProcessedEvents;
import dev.cascade.shipping.service.ShippingService;
import io.quarkus.funqy.Context;
import io.quarkus.funqy.Funq;
import io.quarkus.funqy.knative.events.CloudEvent;
import io.quarkus.funqy.knative.events.CloudEventMapping;

/** The shipping step of the order saga and its compensation, as the broker delivers them. */
public class ShippingFunctions {

    @Inject
    ProcessedEvents processed;

    @Inject
    ShippingService shipping;

    /** Answers {@value EventTypes#SHIPMENT_SCHEDULED_V1} or {@value EventTypes#SHIPMENT_FAILED_V1}. */
    @Funq
    @CloudEventMapping(trigger = EventTypes.SHIPMENT_SCHEDULE_V1)
    public CloudEvent<JsonNode> schedule(ScheduleShipment command, @Context CloudEvent<ScheduleShipment> event) {
        IncomingEvents.requireValid(EventTypes.SHIPMENT_SCHEDULE_V1, command);
        return processed.onceBlocking(event, () -> shipping.schedule(command))
                .toCloudEvent(EventSources.SHIPPING_SERVICE);
    }

    /** Answers {@value EventTypes#SHIPMENT_CANCELLED_V1}. */
    @Funq
    @CloudEventMapping(trigger = EventTypes.SHIPMENT_CANCEL_V1)
    public CloudEvent<JsonNode> cancel(CancelShipment command, @Context CloudEvent<CancelShipment> event) {
        IncomingEvents.requireValid(EventTypes.SHIPMENT_CANCEL_V1, command);
        return processed.onceBlocking(event, () -> shipping.cancel(command))
                .toCloudEvent(EventSources.SHIPPING_SERVICE);
    }
}
