package dev.cascade.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * All of Cascade on this machine, as {@code ./cascade up} runs it: devmesh with the repository's {@code k8s/} and
 * {@code knative-triggers/}, its embedded PostgreSQL and Kafka, and every Knative Service started from
 * {@code services/<name>/target/quarkus-app}. The state (databases, logs) lives in a directory of the caller's.
 */
public final class LocalCascade implements AutoCloseable {

    public static final String NAMESPACE = "cascade";
    public static final String BROKER = "default";
    private static final Duration STOP_GRACE = Duration.ofSeconds(90);

    private final Process process;
    private final int port;
    private final Path state;
    private final CascadeClient client;

    private LocalCascade(Process process, int port, Path state) {
        this.process = process;
        this.port = port;
        this.state = state;
        this.client = new CascadeClient(this);
    }

    /**
     * How to run it.
     *
     * @param repository        the repository root (devmesh's jar, the services' jars and the manifests)
     * @param state             where PostgreSQL, Kafka and the logs keep their files; emptied first
     * @param brokerClass       the broker class of {@code cascade/default}: {@code MTChannelBasedBroker} as in
     *                          {@code k8s/}, or {@code Kafka}
     * @param duplicateDelivery deliver every event twice ({@code devmesh.delivery.duplicate})
     * @param settings          further devmesh settings ({@code devmesh.serving.inject.X=...} reaches every service)
     * @param extraManifests    more manifest files or directories, loaded after the repository's
     */
    public record Options(Path repository, Path state, String brokerClass, boolean duplicateDelivery,
            Map<String, String> settings, List<Path> extraManifests) {

        public static Options of(Path repository, Path state) {
            return new Options(repository, state, "MTChannelBasedBroker", false, Map.of(), List.of());
        }

        public Options withBrokerClass(String brokerClass) {
            return new Options(repository, state, brokerClass, duplicateDelivery, settings, extraManifests);
        }

        public Options withDuplicateDelivery() {
            return new Options(repository, state, brokerClass, true, settings, extraManifests);
        }

        public Options with(String key, String value) {
            Map<String, String> more = new LinkedHashMap<>(settings);
            more.put(key, value);
            return new Options(repository, state, brokerClass, duplicateDelivery, more, extraManifests);
        }

        public Options withManifests(Path manifests) {
            List<Path> more = new ArrayList<>(extraManifests);
            more.add(manifests);
            return new Options(repository, state, brokerClass, duplicateDelivery, settings, more);
        }
    }

    /** Starts devmesh and waits until its manifests are loaded; the services start on their first request. */
    public static LocalCascade start(Options options) {
        Path repository = options.repository().toAbsolutePath().normalize();
        Path jar = repository.resolve("devmesh/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no devmesh at " + jar + ": run ./mvnw package -DskipTests first");
        }
        Path state = options.state().toAbsolutePath().normalize();
        deleteRecursively(state);
        int port = freePort();
        // The state directory is emptied: a caller's extra manifests must live elsewhere.
        List<String> manifests = new ArrayList<>(List.of(
                repository.resolve("k8s").toString(), repository.resolve("knative-triggers").toString()));
        if (!"MTChannelBasedBroker".equals(options.brokerClass())) {
            manifests.add(brokerOverlay(repository, state, options.brokerClass()).toString());
        }
        options.extraManifests().forEach(extra -> manifests.add(extra.toAbsolutePath().toString()));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC",
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                "-Ddevmesh.manifests=" + String.join(",", manifests),
                "-Ddevmesh.postgres.embedded=true",
                "-Ddevmesh.postgres.data-dir=" + state.resolve("postgres"),
                "-Ddevmesh.kafka.embedded=true",
                "-Ddevmesh.kafka.data-dir=" + state.resolve("kafka"),
                "-Ddevmesh.serving.root=" + repository,
                "-Ddevmesh.serving.log-dir=" + state.resolve("logs"),
                // Lean service JVMs: seven share two cores in CI, where C2's compilations cost more than they give
                // back (order-bench at 20 orders/s: p99 5.1 s with C1 only, 17 s with both tiers).
                "-Ddevmesh.serving.java-options=-Xmx192m -XX:+UseSerialGC -XX:TieredStopAtLevel=1",
                // A test never waits for a scale-to-zero; the first request to each service is a real cold start.
                "-Ddevmesh.serving.idle=600s",
                "-Ddevmesh.delivery.duplicate=" + options.duplicateDelivery(),
                // Every event is checked against every Trigger and each check is a record: keep a whole test's worth.
                "-Ddevmesh.deliveries.capacity=100000",
                "-Dquarkus.log.category.\"dev.cascade.devmesh.delivery\".level=WARN"));
        options.settings().forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar.toString()));
        try {
            Files.createDirectories(state.resolve("logs"));
            Process process = new ProcessBuilder(command)
                    .directory(repository.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(state.resolve("logs/devmesh.log").toFile())
                    .start();
            LocalCascade cascade = new LocalCascade(process, port, state);
            cascade.awaitReady(Duration.ofSeconds(120));
            return cascade;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start devmesh", e);
        }
    }

    public CascadeClient client() {
        return client;
    }

    /** devmesh's own URL: the broker ingress, {@code /devmesh/*} and {@code /q/*}. */
    public URI devmesh() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The ingress of {@code cascade/default}, where everything outside sends its events. */
    public URI brokerIngress() {
        return devmesh().resolve("/" + NAMESPACE + "/" + BROKER);
    }

    public Path logs() {
        return state.resolve("logs");
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (!process.isAlive()) {
                throw new IllegalStateException("devmesh exited with " + process.exitValue() + "; see " + logs());
            }
            if (client.devmeshReady()) {
                List<String> errors = client.manifestErrors();
                if (!errors.isEmpty()) {
                    throw new IllegalStateException("devmesh refused manifests: " + errors);
                }
                return;
            }
            CascadeClient.pause(Duration.ofMillis(250));
        }
        throw new IllegalStateException("devmesh not ready within " + timeout.toSeconds() + " s; see " + logs());
    }

    /** Stops devmesh, which stops every service, then Kafka and PostgreSQL; kills what is left after a grace. */
    @Override
    public void close() {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** A later manifest for the same Broker replaces the one in k8s/: only its class differs. */
    private static Path brokerOverlay(Path repository, Path state, String brokerClass) {
        Path overlay = state.resolve("overlay/100-broker-" + brokerClass.toLowerCase() + ".yaml");
        try {
            Files.createDirectories(overlay.getParent());
            String broker = Files.readString(repository.resolve("k8s/100-broker.yaml"));
            Files.writeString(overlay, broker.replace("MTChannelBasedBroker", brokerClass));
            return overlay;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty " + directory, e);
        }
    }
}
