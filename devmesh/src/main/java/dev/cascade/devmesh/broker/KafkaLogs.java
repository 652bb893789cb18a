package dev.cascade.devmesh.broker;

import java.nio.file.Path;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.cascade.localinfra.LocalKafka;

/**
 * Where Kafka-class brokers keep their logs: the Kafka at {@code devmesh.kafka.bootstrap-servers}, a KRaft
 * broker devmesh starts itself with {@code devmesh.kafka.embedded=true} (data under
 * {@code devmesh.kafka.data-dir}, kept across restarts when set), or, with neither, memory.
 */
@ApplicationScoped
public class KafkaLogs {

    private static final Logger LOG = Logger.getLogger(KafkaLogs.class);

    private final Optional<String> bootstrapServers;
    private final boolean embedded;
    private final Optional<String> dataDir;
    private final int partitions;
    private LocalKafka localKafka;

    public KafkaLogs(@ConfigProperty(name = "devmesh.kafka.bootstrap-servers") Optional<String> bootstrapServers,
            @ConfigProperty(name = "devmesh.kafka.embedded", defaultValue = "false") boolean embedded,
            @ConfigProperty(name = "devmesh.kafka.data-dir") Optional<String> dataDir,
            @ConfigProperty(name = "devmesh.kafka.partitions", defaultValue = "10") int partitions) {
        this.bootstrapServers = bootstrapServers.filter(s -> !s.isBlank());
        this.embedded = embedded;
        this.dataDir = dataDir.filter(s -> !s.isBlank());
        this.partitions = partitions;
    }

    /** The log of broker {@code namespace/name}; its topic is named as the Knative Kafka broker names it. */
    synchronized EventLog open(String namespace, String name) {
        Optional<String> servers = bootstrapServers();
        if (servers.isEmpty()) {
            return new InMemoryEventLog(partitions);
        }
        return new KafkaEventLog(servers.get(), "knative-broker-" + namespace + "-" + name, partitions);
    }

    private Optional<String> bootstrapServers() {
        if (bootstrapServers.isPresent()) {
            return bootstrapServers;
        }
        if (!embedded) {
            return Optional.empty();
        }
        if (localKafka == null) {
            localKafka = LocalKafka.start(new LocalKafka.Options(dataDir.map(Path::of).orElse(null), 0, 0));
            LOG.infof("devmesh started an embedded Kafka broker at %s", localKafka.bootstrapServers());
        }
        return Optional.of(localKafka.bootstrapServers());
    }

    @PreDestroy
    synchronized void stop() {
        if (localKafka != null) {
            localKafka.close();
            localKafka = null;
        }
    }
}
