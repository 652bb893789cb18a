package dev.cascade.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class DeadLetterMessageTest {

    private static final Instant RECEIVED = Instant.parse("2026-03-14T09:27:34.880Z");

    @Test
    void namesTheDeadEventTheFailingSubscriberAndWhereToRedriveIt() {
        Message message = DeadLetterMessage.of(new DeadLetterDetails("dl-7", "e-9", "urn:example:shop",
                "dev.example.order.placed.v1", 422, "http://notification-service.cascade.svc.cluster.local"), RECEIVED);

        assertThat(message.subject())
                .isEqualTo("Dead letter dl-7: dev.example.order.placed.v1 from urn:example:shop was not delivered");
        assertThat(message.body())
                .contains("event e-9 of type dev.example.order.placed.v1 from urn:example:shop")
                .contains("stored it at 2026-03-14T09:27:34.880Z as dead letter dl-7")
                .contains("Subscriber: http://notification-service.cascade.svc.cluster.local. Last answer: HTTP 422.")
                .contains("GET /dead-letters/dl-7")
                .contains("POST /dead-letters/dl-7/redrive");
    }

    @Test
    void saysSoWhenKnativeNamedNoSubscriberAndGotNoResponse() {
        Message message = DeadLetterMessage.of(new DeadLetterDetails("dl-8", "e-1", "urn:example:shop",
                "dev.example.order.placed.v1", null, null), RECEIVED);

        assertThat(message.body())
                .contains("Knative did not name the subscriber. No HTTP response came back.")
                .doesNotContain("null");
    }
}
