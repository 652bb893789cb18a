package dev.cascade.loadtests.telemetry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * telemetry-service's fast-jar in a JVM of its own on 127.0.0.1 and a free port, configured only through its
 * environment, as devmesh configures it (see devmesh's {@code LocalInfrastructure}); {@link #close()} stops it with
 * SIGTERM, then SIGKILL after a grace period.
 */
final class TelemetryService implements AutoCloseable {

    /** The service's own configuration must come from the bench alone, not from the shell that started it. */
    private static final List<String> INHERITED_PREFIXES_DROPPED =
            List.of("QUARKUS_", "MP_", "SMALLRYE_", "KAFKA_", "K_", "CASCADE_");
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http;
    private boolean closed;

    private TelemetryService(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(REQUEST_TIMEOUT).build();
    }

    /**
     * The environment of one run: Kafka, the run's own database, the window sink as {@code K_SINK}, the run's own
     * consumer group ({@code mp.messaging.incoming.readings-raw.group.id}), no OpenTelemetry export.
     */
    static Map<String, String> environment(int port, String bootstrapServers, String jdbcUrl, String username,
            String password, String sinkUrl, String consumerGroup) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
        env.put("QUARKUS_DATASOURCE_USERNAME", username);
        env.put("QUARKUS_DATASOURCE_PASSWORD", password);
        env.put("K_SINK", sinkUrl);
        env.put("MP_MESSAGING_INCOMING_READINGS_RAW_GROUP_ID", consumerGroup);
        env.put("QUARKUS_OTEL_SDK_DISABLED", "true");
        return env;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TelemetryService launch(BenchOptions options, int port, Map<String, String> environment, Path log) {
        if (!Files.isRegularFile(options.serviceJar())) {
            throw new BenchFailure("no telemetry-service jar at " + options.serviceJar()
                    + ": build it with ./mvnw -B -q -pl services/telemetry-service -am package -DskipTests");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options.serviceJvm());
        command.addAll(List.of("-jar", options.serviceJar().toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(log.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> INHERITED_PREFIXES_DROPPED.stream()
                .anyMatch(prefix -> name.toUpperCase(Locale.ROOT).startsWith(prefix)));
        builder.environment().putAll(environment);
        try {
            return new TelemetryService(builder.start(), port, log);
        } catch (IOException e) {
            throw new BenchFailure("cannot start telemetry-service: " + e.getMessage());
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    /** Polls {@code /q/health/ready} every 20 ms until it answers UP; fails if the JVM exits or the time runs out. */
    void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadline < 0) {
            requireAlive();
            Optional<String> body = get("/q/health/ready");
            if (body.isPresent() && isUp(body.get())) {
                return;
            }
            TelemetryBench.sleep(Duration.ofMillis(20));
        }
        throw new BenchFailure("telemetry-service was not ready within " + timeout.toSeconds() + " s; see " + log);
    }

    /** The Prometheus exposition of {@code /q/metrics}. */
    String metrics() {
        requireAlive();
        return get("/q/metrics").orElseThrow(
                () -> new BenchFailure("telemetry-service's /q/metrics did not answer 200; see " + log));
    }

    void requireAlive() {
        if (!process.isAlive()) {
            throw new BenchFailure("telemetry-service exited with " + process.exitValue() + "; see " + log);
        }
    }

    private static boolean isUp(String health) {
        try {
            return "UP".equals(JSON.readTree(health).path("status").asText());
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * What {@code /q/health/live} says when it is not UP (a channel that failed), or empty while all is well: the JVM
     * stays alive after a fail-stop of its consumer, so only its liveness tells.
     */
    Optional<String> problem() {
        Answer answer = request("/q/health/live");
        return answer.status() == 200 || answer.status() == 0 ? Optional.empty() : Optional.of(answer.body().strip());
    }

    private Optional<String> get(String path) {
        Answer answer = request(path);
        return answer.status() == 200 ? Optional.of(answer.body()) : Optional.empty();
    }

    /** An answer: its status and body, or status 0 when there was none (not listening yet, or going away). */
    private record Answer(int status, String body) {
    }

    private Answer request(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(REQUEST_TIMEOUT).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Answer(0, "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted");
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
