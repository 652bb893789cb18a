package dev.cascade.loadtests.devmesh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * devmesh as a child process on 127.0.0.1 and a free port, with the benchmark's manifests; {@link #close()} (also
 * from a shutdown hook) stops it and everything it started.
 */
final class Devmesh implements AutoCloseable {

    static final String NAMESPACE = "bench";
    /** Lean, as on a developer's machine where devmesh runs beside the services. */
    static final List<String> JVM_OPTIONS = List.of("-Xmx512m", "-XX:+UseSerialGC");

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

    static Devmesh launch(Vertx vertx, BenchOptions options, Path manifests, Path log, List<String> kafkaArgs) {
        if (!Files.isRegularFile(options.devmeshJar())) {
            throw new BenchFailure("no devmesh jar at " + options.devmeshJar()
                    + ": build it with ./mvnw -pl devmesh -am package -DskipTests");
        }
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of(
                "-Ddevmesh.manifests=" + manifests,
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                // One INFO line per delivery would make the benchmark measure the console.
                "-Dquarkus.log.category.\"dev.cascade.devmesh.delivery\".level=WARN"));
        command.addAll(kafkaArgs);
        command.addAll(options.devmeshArgs());
        command.addAll(List.of("-jar", options.devmeshJar().toString()));
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            return new Devmesh(process, port, log, vertx.createHttpClient());
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
            Optional<String> body = tryGet("/q/health/ready", 200);
            if (body.isPresent() && new JsonObject(body.get()).getString("status", "").equals("UP")) {
                return;
            }
            sleep(Duration.ofMillis(200));
        }
        throw new BenchFailure("devmesh was not ready within " + timeout.toSeconds() + " s; see " + log);
    }

    /** The broker {@code name} of the benchmark namespace as /devmesh/brokers lists it, if devmesh accepted it. */
    Optional<JsonObject> broker(String name) {
        JsonArray brokers = new JsonArray(get("/devmesh/brokers"));
        for (int i = 0; i < brokers.size(); i++) {
            JsonObject broker = brokers.getJsonObject(i);
            if (NAMESPACE.equals(broker.getString("namespace")) && name.equals(broker.getString("name"))) {
                return Optional.of(broker);
            }
        }
        return Optional.empty();
    }

    /** The trigger {@code name} of the benchmark namespace as /devmesh/triggers lists it. */
    Optional<JsonObject> trigger(String name) {
        JsonArray triggers = new JsonArray(get("/devmesh/triggers"));
        for (int i = 0; i < triggers.size(); i++) {
            JsonObject trigger = triggers.getJsonObject(i);
            if (NAMESPACE.equals(trigger.getString("namespace")) && name.equals(trigger.getString("name"))) {
                return Optional.of(trigger);
            }
        }
        return Optional.empty();
    }

    /** The refusals of the last load that mention {@code word}. */
    List<String> errorsMentioning(String word) {
        JsonArray errors = new JsonArray(get("/devmesh/errors"));
        List<String> matching = new ArrayList<>();
        for (int i = 0; i < errors.size(); i++) {
            String error = String.valueOf(errors.getValue(i));
            if (error.contains(word)) {
                matching.add(error);
            }
        }
        return matching;
    }

    /** CPU time the devmesh JVM has used so far, in nanoseconds; -1 if the OS does not tell. */
    long cpuNanos() {
        return CpuClock.cpuNanos(process.toHandle());
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        admin.close();
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                descendants.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private String get(String path) {
        return tryGet(path, 200).orElseThrow(() -> new BenchFailure("GET " + path + " on devmesh failed; see " + log));
    }

    private Optional<String> tryGet(String path, int expectedStatus) {
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port)
                .setURI(path).setIdleTimeout(5_000);
        try {
            return admin.request(request)
                    .compose(sent -> sent.send())
                    .compose(response -> response.body().map(body ->
                            response.statusCode() == expectedStatus ? Optional.of(body.toString()) : Optional.<String>empty()))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
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

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted");
        }
    }
}
