package dev.cascade.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class JvmWideInfrastructureTest {

    @Test
    void everyDatabaseLivesOnTheOnePostgresOfThisJvm() {
        Map<String, String> orders = JvmWideInfrastructure.postgres("probe_orders");
        Map<String, String> payments = JvmWideInfrastructure.postgres("probe_payments");

        assertThat(payments.get("port")).isEqualTo(orders.get("port"));
        assertThat(orders.get("jdbc-url")).endsWith("/probe_orders");
        assertThat(payments.get("reactive-url")).endsWith("/probe_payments");
    }

    @Test
    void kafkaIsStartedOncePerJvm() {
        assertThat(JvmWideInfrastructure.kafkaBootstrapServers())
                .isEqualTo(JvmWideInfrastructure.kafkaBootstrapServers())
                .startsWith("127.0.0.1:");
    }
}
