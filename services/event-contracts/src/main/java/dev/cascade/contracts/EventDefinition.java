package dev.cascade.contracts;

import java.util.List;
import java.util.Objects;

/**
 * One entry of {@link EventCatalog}: an event type, its payload record and who sends and receives it.
 *
 * @param type        the CloudEvents {@code type}, one of {@link EventTypes}
 * @param kind        command (imperative, addressed to one service) or event (a fact, past tense)
 * @param payloadType the record the {@code data} of the event maps to
 * @param description one or two sentences for people: README, AsyncAPI summary
 * @param producers   service names, or {@link EventCatalog#EXTERNAL} when the outside world sends it
 * @param consumers   service names, or {@link EventCatalog#EXTERNAL} for readers outside Cascade
 * @param transport   the Knative Broker or a Kafka topic
 * @param topic       the Kafka topic for {@link Transport#KAFKA}, {@code null} for the broker
 */
public record EventDefinition(
        String type,
        Kind kind,
        Class<? extends Record> payloadType,
        String description,
        List<String> producers,
        List<String> consumers,
        Transport transport,
        String topic) {

    /** Commands ask one service to do something; events state what happened. */
    public enum Kind {
        COMMAND,
        EVENT
    }

    public EventDefinition {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(payloadType, "payloadType");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(transport, "transport");
        producers = List.copyOf(producers);
        consumers = List.copyOf(consumers);
        if (producers.isEmpty() || consumers.isEmpty()) {
            throw new IllegalArgumentException(type + ": needs at least one producer and one consumer");
        }
        if ((transport == Transport.KAFKA) != (topic != null)) {
            throw new IllegalArgumentException(type + ": a topic is required for KAFKA and only for KAFKA");
        }
    }

    /** The {@code dataschema} attribute events of this type carry, and their schema's {@code $id}. */
    public String dataschema() {
        return DataSchemas.uriOf(type);
    }

    /** The classpath resource of the JSON Schema of the {@code data}. */
    public String schemaResource() {
        return DataSchemas.resourceOf(type);
    }

    /** The classpath resource of the canonical example, a complete structured-mode CloudEvent. */
    public String exampleResource() {
        return EventExamples.resourceOf(type);
    }

    /** Producers that are Cascade services, without {@link EventCatalog#EXTERNAL}. */
    public List<String> producerServices() {
        return producers.stream().filter(Services::isService).toList();
    }

    /** Consumers that are Cascade services, without {@link EventCatalog#EXTERNAL}. */
    public List<String> consumerServices() {
        return consumers.stream().filter(Services::isService).toList();
    }

    /** The {@code source} URIs events of this type may carry when a Cascade service sends them. */
    public List<String> serviceSources() {
        return producerServices().stream().map(EventSources::of).toList();
    }

    public boolean isProducedBy(String name) {
        return producers.contains(name);
    }

    public boolean isConsumedBy(String name) {
        return consumers.contains(name);
    }
}
