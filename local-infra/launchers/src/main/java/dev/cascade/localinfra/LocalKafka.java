package dev.cascade.localinfra;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * A real Apache Kafka broker in KRaft mode (combined broker and controller, one node), run in this JVM
 * from the {@code org.apache.kafka:kafka_2.13} jars on loopback ports. No Docker, no ZooKeeper.
 *
 * <p>With a data directory the log survives a restart (devmesh's local run keeps it under
 * {@code .cascade/}); without one it lives in a temporary directory that {@link #close()} deletes.
 */
public final class LocalKafka implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LocalKafka.class.getName());
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final KafkaRaftServer server;
    private final int port;
    private final Path dataDirectory;
    private final boolean temporary;

    private LocalKafka(KafkaRaftServer server, int port, Path dataDirectory, boolean temporary) {
        this.server = server;
        this.port = port;
        this.dataDirectory = dataDirectory;
        this.temporary = temporary;
    }

    /** Starts a throw-away broker on free ports. */
    public static LocalKafka start() {
        return start(new Options(null, 0, 0));
    }

    public static LocalKafka start(Options options) {
        Objects.requireNonNull(options, "options");
        boolean temporary = options.dataDirectory() == null;
        Path dataDirectory;
        try {
            dataDirectory = temporary
                    ? Files.createTempDirectory("cascade-kafka-")
                    : Files.createDirectories(options.dataDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Kafka data directory", e);
        }
        int port = FreePorts.orFree(options.port());
        int controllerPort = FreePorts.orFree(options.controllerPort());
        long started = System.nanoTime();

        // Kafka instantiates plugins (the share-group state persister among them) through the context class
        // loader, and its threads inherit it: under a host with class loaders of its own (Quarkus tests, a
        // fast-jar) that must be the loader of the Kafka classes, or the plugin and its arguments disagree.
        Thread thread = Thread.currentThread();
        ClassLoader hostLoader = thread.getContextClassLoader();
        thread.setContextClassLoader(KafkaRaftServer.class.getClassLoader());
        KafkaRaftServer server = null;
        try {
            KafkaConfig config = KafkaConfig.fromProps(brokerProperties(dataDirectory, port, controllerPort), false);
            format(dataDirectory);
            server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            LocalKafka kafka = new LocalKafka(server, port, dataDirectory, temporary);
            kafka.awaitReady(Duration.ofSeconds(60));
            LOG.log(System.Logger.Level.INFO, "Kafka (KRaft) ready on 127.0.0.1:{0} (data {1}) in {2} ms",
                    String.valueOf(port), dataDirectory, String.valueOf((System.nanoTime() - started) / 1_000_000));
            return kafka;
        } catch (RuntimeException e) {
            if (server != null) {
                server.shutdown();
                server.awaitShutdown();
            }
            if (temporary) {
                Directories.deleteQuietly(dataDirectory);
            }
            throw e;
        } finally {
            thread.setContextClassLoader(hostLoader);
        }
    }

    private static Properties brokerProperties(Path dataDirectory, int port, int controllerPort) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", dataDirectory.toAbsolutePath().toString());
        // One node: every internal topic has a single replica.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "5");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        // A consumer group formed in a test should not wait the production default of 3 s.
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("num.partitions", "1");
        props.put("auto.create.topics.enable", "true");
        // Two cores: keep the thread pools small.
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "2");
        props.put("background.threads", "2");
        props.put("num.recovery.threads.per.data.dir", "1");
        props.put("log.cleaner.threads", "1");
        props.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        return props;
    }

    /** What {@code kafka-storage.sh format} does; a directory formatted by an earlier run is kept as it is. */
    private static void format(Path dataDirectory) {
        if (Files.exists(dataDirectory.resolve("meta.properties"))) {
            return;
        }
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(dataDirectory.toAbsolutePath().toString())
                    .setDirectories(List.of(dataDirectory.toAbsolutePath().toString()))
                    .setHasDynamicQuorum(false)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka storage in " + dataDirectory + ": " + e.getMessage(), e);
        }
    }

    /** The broker answers metadata requests once its listener is up and it has joined the quorum. */
    private void awaitReady(Duration timeout) {
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        try (Admin admin = Admin.create(config)) {
            admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not become ready on " + bootstrapServers() + " within " + timeout, e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Stops the broker after a controlled shutdown, so that everything acknowledged is on disk. */
    @Override
    public void close() {
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            if (temporary) {
                Directories.deleteQuietly(dataDirectory);
            }
        }
    }

    /**
     * @param dataDirectory  where the log lives and persists; {@code null} for a temporary one
     * @param port           the client (PLAINTEXT) port; 0 for a free one
     * @param controllerPort the KRaft controller port; 0 for a free one
     */
    public record Options(Path dataDirectory, int port, int controllerPort) {
    }
}
