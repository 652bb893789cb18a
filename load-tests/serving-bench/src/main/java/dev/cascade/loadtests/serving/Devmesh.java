package dev.cascade.loadtests.serving;

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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import dev.cascade.loadtests.serving.Manifests.Deployment;

/**
 * devmesh as a child process on 127.0.0.1 and a free port, with its embedded PostgreSQL and Kafka (which it hands to
 * every function it runs) and one command line per Knative Service; {@link #close()} (also from a shutdown hook)
 * stops it, and it stops the functions and the servers.
 */
final class Devmesh implements AutoCloseable {

    /** Lean, as on a developer's machine where devmesh runs beside the functions; the embedded Kafka lives here. */
    static final List<String> JVM_OPTIONS = List.of("-Xmx512m", "-XX:+UseSerialGC");
    /** devmesh stops the functions, then Kafka (controlled shutdown) and PostgreSQL: give it time. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(90);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);
    /** The longest a training instance may take to write its AOT cache after SIGTERM. */
    static final Duration TRAINING_EXIT = Duration.ofSeconds(60);

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient admin;
    private boolean closed;

    private Devmesh(Process process, int port, Path log, HttpClient admin) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.admin = admin;
    }

    /** The JVM options that configure devmesh for the run, before {@code --devmesh-arg}s. */
    static List<String> settings(BenchOptions options, Path manifests, Path workDirectory, int port,
            List<Deployment> deployments) {
        List<String> settings = new ArrayList<>(List.of(
                "-Ddevmesh.manifests=" + manifests,
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                "-Ddevmesh.postgres.embedded=true",
                "-Ddevmesh.kafka.embedded=true",
                "-Ddevmesh.serving.idle=" + options.idle().toSeconds() + "s",
                // A JVM recording an AOT cache writes it as it exits, which takes seconds: no SIGKILL in between.
                "-Ddevmesh.serving.stop-grace=" + TRAINING_EXIT.toSeconds() + "s",
                "-Ddevmesh.serving.root=" + workDirectory,
                "-Ddevmesh.serving.log-dir=" + workDirectory.resolve("logs"),
                // One INFO line per delivery would make the bursts measure the console.
                "-Dquarkus.log.category.\"dev.cascade.devmesh.delivery\".level=WARN"));
        for (Deployment deployment : deployments) {
            settings.add("-Ddevmesh.services." + deployment.service() + ".command="
                    + deployment.variant().command(options, deployment.fixture()));
        }
        return settings;
    }

    static Devmesh launch(BenchOptions options, Path manifests, Path workDirectory,
            List<Deployment> deployments) {
        if (!Files.isRegularFile(options.devmeshJar())) {
            throw new BenchFailure("no devmesh jar at " + options.devmeshJar()
                    + ": build it with ./mvnw -pl devmesh -am package -DskipTests");
        }
        int port = freePort();
        Path log = workDirectory.resolve("devmesh.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.addAll(settings(options, manifests, workDirectory, port, deployments));
        command.addAll(options.devmeshArgs());
        command.addAll(List.of("-jar", options.devmeshJar().toString()));
        try {
            Files.createDirectories(workDirectory.resolve("logs"));
            Process process = new ProcessBuilder(command)
                    .directory(workDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            // The JDK's client, on the bench's main thread: the admin calls stay clear of the producer's event loop.
            HttpClient admin = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(ADMIN_TIMEOUT).build();
            return new Devmesh(process, port, log, admin);
        } catch (IOException e) {
            throw new BenchFailure("cannot start devmesh: " + e.getMessage());
        }
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** Polls /q/health/ready until UP; fails if devmesh exits or {@code timeout} passes. */
    void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (!process.isAlive()) {
                throw new BenchFailure("devmesh exited with " + process.exitValue() + " before it was ready; see " + log);
            }
            Optional<String> body = tryGet("/q/health/ready");
            if (body.isPresent() && new JsonObject(body.get()).getString("status", "").equals("UP")) {
                return;
            }
            ServingBench.sleep(Duration.ofMillis(200));
        }
        throw new BenchFailure("devmesh was not ready within " + timeout.toSeconds() + " s; see " + log);
    }

    /** The Knative Service {@code name} of the bench namespace as /devmesh/services shows it now. */
    Optional<ServiceState> service(String name) {
        JsonArray services = new JsonArray(get("/devmesh/services"));
        for (int i = 0; i < services.size(); i++) {
            JsonObject service = services.getJsonObject(i);
            if (Manifests.NAMESPACE.equals(service.getString("namespace")) && name.equals(service.getString("name"))) {
                return Optional.of(ServiceState.of(service));
            }
        }
        return Optional.empty();
    }

    /** The refusals of the last manifest load. */
    List<String> errors() {
        JsonArray errors = new JsonArray(get("/devmesh/errors"));
        List<String> all = new ArrayList<>();
        for (int i = 0; i < errors.size(); i++) {
            all.add(String.valueOf(errors.getValue(i)));
        }
        return all;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // devmesh's own shutdown stops its instances, Kafka and PostgreSQL; the descendants are only a safety net.
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private String get(String path) {
        Answer answer = request(path);
        if (answer.status() != 200) {
            throw new BenchFailure("GET " + path + " on devmesh: " + answer.problem() + "; see " + log);
        }
        return answer.body();
    }

    private Optional<String> tryGet(String path) {
        Answer answer = request(path);
        return answer.status() == 200 ? Optional.of(answer.body()) : Optional.empty();
    }

    /** An admin answer: its status and body, or status 0 and why there is none. */
    private record Answer(int status, String body, String problem) {
    }

    private Answer request(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(ADMIN_TIMEOUT).GET().build();
        try {
            HttpResponse<String> response = admin.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), "HTTP " + response.statusCode());
        } catch (IOException e) {
            return new Answer(0, null, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted");
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
