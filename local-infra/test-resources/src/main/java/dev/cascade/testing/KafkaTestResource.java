package dev.cascade.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points the application under test at a real Kafka broker (KRaft, from the Apache Kafka jars, no
 * Docker): sets {@code kafka.bootstrap.servers}, which the Kafka connector of SmallRye Reactive
 * Messaging and the Kafka client extension read. One broker serves the whole test JVM; tests keep apart
 * by topic and consumer group.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", JvmWideInfrastructure.kafkaBootstrapServers());
    }

    @Override
    public void stop() {
        // The broker is shared by every application of this JVM and stops when the JVM exits.
    }
}
