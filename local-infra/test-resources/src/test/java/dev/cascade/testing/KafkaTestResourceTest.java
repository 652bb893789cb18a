package dev.cascade.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.cascade.testing.probe.RequestSender;
import dev.cascade.testing.probe.Shouter;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
class KafkaTestResourceTest {

    @Inject
    RequestSender sender;

    @Inject
    Shouter shouter;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void outgoingAndIncomingRoundTripThroughTheRealBroker() throws Exception {
        sender.send("hello kafka");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(
                () -> assertThat(shouter.replies()).containsExactly("HELLO KAFKA"));

        // Both hops went through topics of the broker the resource started, not an in-memory channel.
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> topics = admin.listTopics().names().get();
            assertThat(topics).contains("probe.requests", "probe.replies");
        }
    }
}
