package dev.cascade.devmesh.infra;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.cascade.localinfra.LocalKafka;
import dev.cascade.localinfra.LocalPostgres;
import io.quarkus.runtime.StartupEvent;

/**
 * The PostgreSQL and Kafka of a local run, started by devmesh itself from local-infra (no Docker) when
 * {@code devmesh.postgres.embedded} / {@code devmesh.kafka.embedded} are set, with their data in the given
 * directories so a restart keeps it; or external ones, named by URL. Services get the connection settings
 * as environment variables ({@link #serviceEnvironment()}).
 */
@ApplicationScoped
public class LocalInfrastructure {

    private static final Logger LOG = Logger.getLogger(LocalInfrastructure.class);

    private final boolean postgresEmbedded;
    private final Optional<String> postgresDataDir;
    private final int postgresPort;
    private final Optional<String> postgresUrl;
    private final boolean kafkaEmbedded;
    private final Optional<String> kafkaDataDir;
    private final Optional<String> kafkaBootstrapServers;
    private final Optional<String> otlpEndpoint;

    private LocalPostgres postgres;
    private LocalKafka kafka;

    public LocalInfrastructure(
            @ConfigProperty(name = "devmesh.postgres.embedded", defaultValue = "false") boolean postgresEmbedded,
            @ConfigProperty(name = "devmesh.postgres.data-dir") Optional<String> postgresDataDir,
            @ConfigProperty(name = "devmesh.postgres.port", defaultValue = "0") int postgresPort,
            @ConfigProperty(name = "devmesh.postgres.reactive-url") Optional<String> postgresUrl,
            @ConfigProperty(name = "devmesh.kafka.embedded", defaultValue = "false") boolean kafkaEmbedded,
            @ConfigProperty(name = "devmesh.kafka.data-dir") Optional<String> kafkaDataDir,
            @ConfigProperty(name = "devmesh.kafka.bootstrap-servers") Optional<String> kafkaBootstrapServers,
            @ConfigProperty(name = "devmesh.otlp.endpoint") Optional<String> otlpEndpoint) {
        this.postgresEmbedded = postgresEmbedded;
        this.postgresDataDir = postgresDataDir.filter(s -> !s.isBlank());
        this.postgresPort = postgresPort;
        this.postgresUrl = postgresUrl.filter(s -> !s.isBlank());
        this.kafkaEmbedded = kafkaEmbedded;
        this.kafkaDataDir = kafkaDataDir.filter(s -> !s.isBlank());
        this.kafkaBootstrapServers = kafkaBootstrapServers.filter(s -> !s.isBlank());
        this.otlpEndpoint = otlpEndpoint.filter(s -> !s.isBlank());
    }

    /** A local run starts its servers at once, so that progress shows and services find them up. */
    void onStart(@Observes @Priority(10) StartupEvent start) {
        postgresReactiveUrl();
        kafkaBootstrapServers();
    }

    /** Kafka's bootstrap servers: the configured ones, the embedded broker (started on first use), or none. */
    public synchronized Optional<String> kafkaBootstrapServers() {
        if (kafkaBootstrapServers.isPresent()) {
            return kafkaBootstrapServers;
        }
        if (!kafkaEmbedded) {
            return Optional.empty();
        }
        if (kafka == null) {
            LOG.info("starting Kafka (KRaft) …");
            kafka = LocalKafka.start(new LocalKafka.Options(kafkaDataDir.map(Path::of).orElse(null), 0, 0));
            LOG.infof("Kafka ready at %s", kafka.bootstrapServers());
        }
        return Optional.of(kafka.bootstrapServers());
    }

    /** The reactive PostgreSQL URL of the local run: the configured one, the embedded server, or none. */
    public synchronized Optional<String> postgresReactiveUrl() {
        if (postgresUrl.isPresent()) {
            return postgresUrl;
        }
        if (!postgresEmbedded) {
            return Optional.empty();
        }
        if (postgres == null) {
            LOG.info("starting PostgreSQL …");
            postgres = LocalPostgres.start(new LocalPostgres.Options(postgresDataDir.map(Path::of).orElse(null), postgresPort));
            postgres.ensureDatabase("cascade");
            LOG.infof("PostgreSQL ready at %s", postgres.reactiveUrl("cascade"));
        }
        return Optional.of(postgres.reactiveUrl("cascade"));
    }

    /**
     * What every locally run service gets, in Quarkus's environment-variable form: the datasource (each
     * service keeps its own schema in the one {@code cascade} database), Kafka, and the OTLP endpoint (or, without
     * one, OpenTelemetry switched off).
     */
    public Map<String, String> serviceEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        postgresReactiveUrl().ifPresent(url -> {
            env.put("QUARKUS_DATASOURCE_REACTIVE_URL", url);
            env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:" + url);
            if (postgres != null) {
                env.put("QUARKUS_DATASOURCE_USERNAME", postgres.username());
                env.put("QUARKUS_DATASOURCE_PASSWORD", postgres.password());
            }
        });
        kafkaBootstrapServers().ifPresent(servers -> env.put("KAFKA_BOOTSTRAP_SERVERS", servers));
        // Without a collector an exporter would only log a refused connection every few seconds.
        otlpEndpoint.ifPresentOrElse(endpoint -> env.put("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", endpoint),
                () -> env.put("QUARKUS_OTEL_SDK_DISABLED", "true"));
        return env;
    }

    /** Stops Kafka (a controlled shutdown: what it acknowledged is on disk) and then PostgreSQL. */
    @PreDestroy
    public synchronized void stop() {
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }
}
