package dev.cascade.devmesh.broker;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.cascade.devmesh.infra.LocalInfrastructure;

/**
 * Where Kafka-class brokers keep their logs: the Kafka of the local run ({@code devmesh.kafka.bootstrap-servers},
 * or the KRaft broker devmesh starts with {@code devmesh.kafka.embedded=true}), or, with neither, memory.
 */
@ApplicationScoped
public class KafkaLogs {

    private final LocalInfrastructure infrastructure;
    private final int partitions;

    public KafkaLogs(LocalInfrastructure infrastructure,
            @ConfigProperty(name = "devmesh.kafka.partitions", defaultValue = "10") int partitions) {
        this.infrastructure = infrastructure;
        this.partitions = partitions;
    }

    /** The log of broker {@code namespace/name}; its topic is named as the Knative Kafka broker names it. */
    EventLog open(String namespace, String name) {
        return infrastructure.kafkaBootstrapServers()
                .<EventLog>map(servers -> new KafkaEventLog(servers, "knative-broker-" + namespace + "-" + name, partitions))
                .orElseGet(() -> new InMemoryEventLog(partitions));
    }

    /** Stops the embedded Kafka, once the brokers using it are closed. */
    void stop() {
        infrastructure.stop();
    }
}
