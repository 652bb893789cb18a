package dev.cascade.devmesh.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cascade.localinfra.FreePorts;
import dev.cascade.localinfra.LocalKafka;

/**
 * A Kafka-class broker on a real Kafka loses nothing it acknowledged: devmesh, run from its packaged jar, is
 * killed with SIGKILL while deliveries are in flight and started again; every event that got a 202 reaches the
 * subscriber (at least once — redeliveries are allowed, as in Knative).
 */
class KafkaBrokerDurabilityIT {

    private static final int EVENTS = 200;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private LocalKafka kafka;
    private Subscriber subscriber;
    private Process devmesh;

    @AfterEach
    void stopEverything() {
        if (devmesh != null) {
            devmesh.destroyForcibly();
        }
        if (subscriber != null) {
            subscriber.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aKilledDevmeshRedeliversEverythingItAcknowledged(@TempDir Path dir) throws Exception {
        kafka = LocalKafka.start();
        subscriber = new Subscriber();
        // 50 in flight, 2 s each: 200 events take 8 s to deliver, so the kill comes mid-stream.
        subscriber.slow("/durable", Duration.ofMillis(2_000));
        Path manifests = Files.createDirectories(dir.resolve("manifests"));
        Files.writeString(manifests.resolve("broker.yaml"), """
                apiVersion: eventing.knative.dev/v1
                kind: Broker
                metadata:
                  name: default
                  namespace: durable
                  annotations:
                    eventing.knative.dev/broker.class: Kafka
                ---
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata: {name: slow, namespace: durable}
                spec:
                  broker: default
                  subscriber:
                    uri: %s/durable
                """.formatted(subscriber.baseUrl()));
        int port = FreePorts.find();

        devmesh = start(manifests, port, dir.resolve("first.log"));
        List<String> acknowledged = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            String id = UUID.randomUUID().toString();
            if (post(port, id) == 202) {
                acknowledged.add(id);
            }
        }
        assertThat(acknowledged).hasSize(EVENTS);
        await().atMost(Duration.ofSeconds(30)).until(() -> subscriber.at("/durable").size() >= 1);
        devmesh.destroyForcibly().waitFor();
        int beforeKill = distinctIds().size();
        assertThat(beforeKill).as("the kill must come while events are still undelivered").isLessThan(EVENTS);

        devmesh = start(manifests, port, dir.resolve("second.log"));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(distinctIds()).containsAll(acknowledged));
    }

    private Set<String> distinctIds() {
        Set<String> ids = new HashSet<>();
        subscriber.at("/durable").forEach(request -> ids.add(request.header("ce-id")));
        return ids;
    }

    private int post(int port, String id) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/durable/default"))
                .header("ce-specversion", "1.0").header("ce-id", id).header("ce-source", "/durability-test")
                .header("ce-type", "test.durable").header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private Process start(Path manifests, int port, Path log) throws IOException {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        assertThat(jar).as("devmesh is packaged before integration tests run").exists();
        Process process = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC",
                "-Ddevmesh.manifests=" + manifests,
                "-Dquarkus.http.port=" + port,
                "-Ddevmesh.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> ready(port));
        return process;
    }

    private boolean ready(int port) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
