package dev.cascade.loadtests.serving;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The benchmark's manifests, written to a temporary directory in apply order: the MT broker {@code bench/default},
 * one Trigger per Knative Service, and one Service per fixture and variant, each scaling to zero.
 */
final class Manifests {

    static final String NAMESPACE = "bench";
    static final String BROKER = "default";

    /** The pair a Service runs and its Trigger routes. */
    record Deployment(Fixture fixture, Variant variant) {

        String service() {
            return fixture.service(variant);
        }
    }

    private Manifests() {
    }

    static Path write(List<Deployment> deployments) {
        String triggers = deployments.stream().map(Manifests::trigger).collect(Collectors.joining("---\n"));
        String services = deployments.stream().map(Manifests::service).collect(Collectors.joining("---\n"));
        try {
            Path dir = Files.createTempDirectory("serving-bench-");
            Files.writeString(dir.resolve("100-broker.yaml"), broker());
            Files.writeString(dir.resolve("200-triggers.yaml"), triggers);
            Files.writeString(dir.resolve("300-services.yaml"), services);
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

    private static String broker() {
        return """
                # In memory and synchronous: the producer's 202 comes once the function has answered, so the bench
                # times handling from the producer's side.
                apiVersion: eventing.knative.dev/v1
                kind: Broker
                metadata:
                  name: %s
                  namespace: %s
                  annotations:
                    eventing.knative.dev/broker.class: MTChannelBasedBroker
                """.formatted(BROKER, NAMESPACE);
    }

    private static String trigger(Deployment deployment) {
        return """
                # The fixture's event type, and only the events sent to this variant.
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
                      %s: %s
                  subscriber:
                    ref:
                      apiVersion: serving.knative.dev/v1
                      kind: Service
                      name: %s
                """.formatted(deployment.service(), NAMESPACE, BROKER, deployment.fixture().eventType,
                Variant.EXTENSION, deployment.variant().id, deployment.service());
    }

    private static String service(Deployment deployment) {
        return """
                # devmesh runs the command the bench gives it (devmesh.services.%s.command); the image is never
                # pulled. One instance at most, so the cold and the warm burst have the same capacity.
                apiVersion: serving.knative.dev/v1
                kind: Service
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  template:
                    metadata:
                      annotations:
                        autoscaling.knative.dev/min-scale: "0"
                        autoscaling.knative.dev/max-scale: "1"
                    spec:
                      containers:
                        - image: registry.example.test/cascade/bench/%s
                """.formatted(deployment.service(), deployment.service(), NAMESPACE, deployment.fixture().module);
    }
}
