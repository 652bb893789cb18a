package dev.cascade.devmesh.up;

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
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cascade.localinfra.FreePorts;

/**
 * {@code ./cascade up}, the repository's run command, as a user runs it: it starts PostgreSQL, Kafka and
 * devmesh, prints the summary, keeps their data across a restart, and leaves no process behind when stopped.
 */
class CascadeUpIT {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private final HttpClient http = HttpClient.newHttpClient();
    private Process cascade;

    @AfterEach
    void stop() {
        if (cascade != null && cascade.isAlive()) {
            cascade.descendants().forEach(ProcessHandle::destroyForcibly);
            cascade.destroyForcibly();
        }
    }

    @Test
    void upStartsEverythingKeepsTheDataAndStopsCleanly(@TempDir Path state) throws Exception {
        int port = FreePorts.find();
        Path output = state.resolve("console.txt");

        cascade = up(state, port, output);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> Files.readString(output).contains("Cascade is up"));
        assertThat(get(port, "/q/health/ready")).isEqualTo(200);
        String console = Files.readString(output);
        assertThat(console).contains("PostgreSQL ready at postgresql://127.0.0.1:").contains("Kafka ready at 127.0.0.1:");
        // The curl to paste sends the storefront's example order, not a placeholder.
        assertThat(console).contains("ce-source: urn:cascade:storefront");
        // The route that tells outside tools (the device simulator) where Kafka and PostgreSQL are names the real ones.
        JsonNode infrastructure = new ObjectMapper().readTree(body(port, "/devmesh/infrastructure"));
        String bootstrap = infrastructure.path("kafkaBootstrapServers").asText();
        assertThat(console).contains("Kafka ready at " + bootstrap);
        assertThat(infrastructure.path("postgresJdbcUrl").asText()).startsWith("jdbc:postgresql://127.0.0.1:");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
        }
        assertThat(state.resolve("postgres/PG_VERSION")).exists();
        assertThat(state.resolve("kafka/meta.properties")).exists();
        assertThat(state.resolve("logs/devmesh.log")).exists();

        stopAndExpectNothingLeft(state);

        // a second run finds the same cluster and log, and stops as cleanly
        cascade = up(state, port, state.resolve("console-2.txt"));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> Files.readString(state.resolve("console-2.txt")).contains("Cascade is up"));
        stopAndExpectNothingLeft(state);
    }

    private void stopAndExpectNothingLeft(Path state) throws Exception {
        var descendants = cascade.descendants().toList();
        cascade.destroy(); // SIGTERM, what Ctrl-C's SIGINT also triggers: devmesh's orderly shutdown
        assertThat(cascade.waitFor(60, TimeUnit.SECONDS)).as("devmesh stops").isTrue();
        await().atMost(Duration.ofSeconds(20)).until(() -> descendants.stream().noneMatch(ProcessHandle::isAlive));
        assertThat(ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(state.toString()))
                .filter(ProcessHandle::isAlive)
                .toList()).as("processes still using " + state).isEmpty();
    }

    private Process up(Path state, int port, Path output) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("bash", REPOSITORY.resolve("cascade").toString(), "up",
                "--port", String.valueOf(port), "--idle", "5s")
                .directory(REPOSITORY.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("CASCADE_STATE_DIR", state.toString());
        return builder.start();
    }

    private String body(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private int get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
