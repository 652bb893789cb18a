package dev.cascade.loadtests.devmesh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The benchmark's Broker and Trigger manifests, one broker per class, written to a temporary directory. */
final class Manifests {

    static final String MT_BROKER = "mt";
    static final String KAFKA_BROKER = "kafka";

    private Manifests() {
    }

    static String triggerOf(String broker) {
        return broker + "-noop";
    }

    /** Writes 100-brokers.yaml and 200-triggers.yaml; both triggers deliver to {@code subscriberUri}. */
    static Path write(String subscriberUri) {
        String brokers = broker(MT_BROKER, "MTChannelBasedBroker") + "---\n" + broker(KAFKA_BROKER, "Kafka");
        String triggers = trigger(MT_BROKER, subscriberUri) + "---\n" + trigger(KAFKA_BROKER, subscriberUri);
        try {
            Path dir = Files.createTempDirectory("devmesh-bench-");
            Files.writeString(dir.resolve("100-brokers.yaml"), brokers);
            Files.writeString(dir.resolve("200-triggers.yaml"), triggers);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }

    private static String broker(String name, String brokerClass) {
        return """
                apiVersion: eventing.knative.dev/v1
                kind: Broker
                metadata:
                  name: %s
                  namespace: %s
                  annotations:
                    eventing.knative.dev/broker.class: %s
                """.formatted(name, Devmesh.NAMESPACE, brokerClass);
    }

    private static String trigger(String broker, String subscriberUri) {
        return """
                # Only the benchmark's events: the filter is part of the path being measured.
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  broker: %s
                  filter:
                    attributes:
                      type: %s
                  subscriber:
                    uri: %s
                """.formatted(triggerOf(broker), Devmesh.NAMESPACE, broker, LoadGenerator.EVENT_TYPE, subscriberUri);
    }
}
