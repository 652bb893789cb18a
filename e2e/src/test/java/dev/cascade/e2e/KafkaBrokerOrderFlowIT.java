package dev.cascade.e2e;

import static dev.cascade.e2e.OrderFlowIT.customer;
import static dev.cascade.e2e.OrderFlowIT.statuses;
import static dev.cascade.e2e.OrderFlowIT.uniqueSku;
import static dev.cascade.e2e.Orders.DECLINED_CARD;
import static dev.cascade.e2e.Orders.GOOD_CARD;
import static dev.cascade.e2e.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The same flow with the broker of staging: the Knative Kafka broker class, every event kept on a Kafka topic of
 * the embedded KRaft broker before it is delivered.
 */
class KafkaBrokerOrderFlowIT {

    static LocalCascade cascade;
    static CascadeClient api;

    @BeforeAll
    static void start() {
        cascade = LocalCascade.start(LocalCascade.Options.of(OrderFlowIT.repository(),
                Path.of("target/e2e/kafka-broker")).withBrokerClass("Kafka"));
        api = cascade.client();
    }

    @AfterAll
    static void stop() {
        if (cascade != null) {
            cascade.close();
        }
    }

    @Test
    void brokerIsTheKafkaClass() {
        assertThat(api.brokers()).anySatisfy(broker -> {
            assertThat(broker.path("name").asText()).isEqualTo(LocalCascade.BROKER);
            assertThat(broker.path("class").asText()).isEqualTo("Kafka");
        });
    }

    @Test
    void orderIsConfirmedThroughKafka() {
        String sku = uniqueSku("KAFKA");
        api.setStock(sku, 2);
        String orderId = api.placeAccepted(order(customer(), sku, 2, "30.00", GOOD_CARD, "AT"));

        JsonNode order = api.awaitSettled(orderId, OrderFlowIT.SETTLED);
        assertThat(order.path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(statuses(api.payments(orderId))).containsExactly("AUTHORIZED");
        assertThat(api.stock(sku).path("available").asInt()).isZero();
    }

    @Test
    void declinedOrderIsCompensatedThroughKafka() {
        String sku = uniqueSku("KAFKA-DECL");
        api.setStock(sku, 2);
        String orderId = api.placeAccepted(order(customer(), sku, 1, "30.00", DECLINED_CARD, "AT"));

        JsonNode order = api.awaitSettled(orderId, OrderFlowIT.SETTLED);
        assertThat(order.path("cancellationReason").asText()).isEqualTo("PAYMENT_DECLINED");
        assertThat(api.stock(sku).path("available").asInt()).isEqualTo(2);
    }
}
