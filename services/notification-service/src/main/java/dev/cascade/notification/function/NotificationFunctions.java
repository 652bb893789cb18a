package dev.cascade.notification.function;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import dev.cascade.contracts.EventSources;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.deadletter.DeadLetterRecorded;
import dev.cascade.contracts.order.OrderCancelled;
import dev.cascade.contracts.order.OrderConfirmed;
import dev.cascade.contracts.payment.PaymentDeclined;
import dev.cascade.contracts.telemetry.AnomalyDetected;
import dev.cascade.functions.IncomingEvents;
import dev.cascade.notification.domain.NotificationDraft;
import dev.cascade.notification.service.AlertConfig;
import dev.cascade.notification.service.NotificationService;
import io.quarkus.funqy.Context;
import io.quarkus.funqy.Funq;
import io.quarkus.funqy.knative.events.CloudEvent;
import io.quarkus.funqy.knative.events.CloudEventMapping;

/**
 * The events customers hear about, and the dead letters and anomalies operators hear about. Each is answered 204:
 * notifications end the chain, they emit nothing.
 */
public class NotificationFunctions {

    @Inject
    NotificationService notifications;

    @Inject
    AlertConfig alerts;

    @Funq
    @CloudEventMapping(trigger = EventTypes.ORDER_CONFIRMED_V1)
    public CloudEvent<JsonNode> orderConfirmed(OrderConfirmed confirmed, @Context CloudEvent<OrderConfirmed> event) {
        IncomingEvents.requireValid(EventTypes.ORDER_CONFIRMED_V1, confirmed);
        return notifications.notifyOnce(event, NotificationDraft.of(confirmed))
                .toCloudEvent(EventSources.NOTIFICATION_SERVICE);
    }

    @Funq
    @CloudEventMapping(trigger = EventTypes.ORDER_CANCELLED_V1)
    public CloudEvent<JsonNode> orderCancelled(OrderCancelled cancelled, @Context CloudEvent<OrderCancelled> event) {
        IncomingEvents.requireValid(EventTypes.ORDER_CANCELLED_V1, cancelled);
        return notifications.notifyOnce(event, NotificationDraft.of(cancelled))
                .toCloudEvent(EventSources.NOTIFICATION_SERVICE);
    }

    @Funq
    @CloudEventMapping(trigger = EventTypes.PAYMENT_DECLINED_V1)
    public CloudEvent<JsonNode> paymentDeclined(PaymentDeclined declined, @Context CloudEvent<PaymentDeclined> event) {
        IncomingEvents.requireValid(EventTypes.PAYMENT_DECLINED_V1, declined);
        return notifications.notifyOnce(event, NotificationDraft.of(declined))
                .toCloudEvent(EventSources.NOTIFICATION_SERVICE);
    }

    /**
     * An operator alert. Should it fail for good, its event is dead-lettered like any other, and dead-letter-service
     * stores that dead letter without announcing it again: no loop.
     */
    @Funq
    @CloudEventMapping(trigger = EventTypes.DEADLETTER_RECORDED_V1)
    public CloudEvent<JsonNode> deadLetterRecorded(DeadLetterRecorded recorded,
            @Context CloudEvent<DeadLetterRecorded> event) {
        IncomingEvents.requireValid(EventTypes.DEADLETTER_RECORDED_V1, recorded);
        return notifications.notifyOnce(event, NotificationDraft.of(recorded, alerts.recipient()))
                .toCloudEvent(EventSources.NOTIFICATION_SERVICE);
    }

    /** An operator alert about a device: one per anomaly, whichever event carried it. */
    @Funq
    @CloudEventMapping(trigger = EventTypes.TELEMETRY_ANOMALY_DETECTED_V1)
    public CloudEvent<JsonNode> anomalyDetected(AnomalyDetected anomaly, @Context CloudEvent<AnomalyDetected> event) {
        IncomingEvents.requireValid(EventTypes.TELEMETRY_ANOMALY_DETECTED_V1, anomaly);
        return notifications.notifyOnce(event, NotificationDraft.of(anomaly, alerts.recipient()))
                .toCloudEvent(EventSources.NOTIFICATION_SERVICE);
    }
}
