package dev.cascade.loadtests.devmesh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of the benchmark; every number has a default, every loop a bound derived from these. */
record BenchOptions(
        int seconds,
        int warmupSeconds,
        int concurrency,
        int rate,
        int drainSeconds,
        int startupSeconds,
        int requestTimeoutSeconds,
        Path devmeshJar,
        Path out,
        List<String> devmeshArgs,
        KafkaMode kafka) {

    /** Where the Kafka-class broker keeps its events. */
    enum KafkaMode {
        /** A KRaft broker in a JVM of its own ({@code LocalKafkaProcess}); devmesh gets its bootstrap servers. */
        PROCESS,
        /** devmesh's embedded broker, in devmesh's own JVM ({@code -Ddevmesh.kafka.embedded=true}). */
        EMBEDDED,
        /** No Kafka: the Kafka class runs on devmesh's in-memory log, which is not durable. */
        NONE
    }

    static final String USAGE = """
            usage: DevmeshBench [options]
              --seconds N           measured seconds of each phase (default 20)
              --warmup N            unmeasured seconds before each phase (default 5)
              --concurrency N       requests in flight in the throughput phase (default 64)
              --rate N              events/s of the latency phase (default: half the MT broker's throughput)
              --drain-timeout N     seconds to wait for late deliveries after a phase (default 30)
              --startup-timeout N   seconds to wait for devmesh's /q/health/ready (default 120)
              --request-timeout N   seconds without an answer before a request counts as failed (default 10)
              --devmesh-jar PATH    devmesh's quarkus-run.jar (default: devmesh/target/quarkus-app/quarkus-run.jar)
              --out PATH            the Markdown report (default: load-tests/devmesh-bench/target/devmesh-bench.md)
              --kafka MODE          the Kafka class's Kafka: process (default: a KRaft broker in a JVM of its own),
                                    embedded (inside devmesh's JVM) or none (devmesh's in-memory log, not durable)
              --devmesh-arg ARG     one more JVM option for devmesh (repeatable)
            """;

    /** At most this many events in one latency phase: two longs each are kept until the phase ends. */
    static final long MAX_LATENCY_EVENTS = 2_000_000;

    /** Parses {@code args}; {@code null} means "--help" was asked for. */
    static BenchOptions parse(String[] args) {
        int seconds = 20;
        int warmup = 5;
        int concurrency = 64;
        int rate = 0;
        int drain = 30;
        int startup = 120;
        int requestTimeout = 10;
        Path jar = null;
        Path out = null;
        List<String> devmeshArgs = new ArrayList<>();
        KafkaMode kafka = KafkaMode.PROCESS;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--help") || name.equals("-h")) {
                return null;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + name);
            }
            String value = args[++i];
            switch (name) {
                case "--seconds" -> seconds = positive(name, value);
                case "--warmup" -> warmup = nonNegative(name, value);
                case "--concurrency" -> concurrency = positive(name, value);
                case "--rate" -> rate = positive(name, value);
                case "--drain-timeout" -> drain = positive(name, value);
                case "--startup-timeout" -> startup = positive(name, value);
                case "--request-timeout" -> requestTimeout = positive(name, value);
                case "--devmesh-jar" -> jar = Path.of(value);
                case "--out" -> out = Path.of(value);
                case "--devmesh-arg" -> devmeshArgs.add(value);
                case "--kafka" -> kafka = kafkaMode(value);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (jar == null || out == null) {
            Path root = repositoryRoot();
            jar = jar != null ? jar : root.resolve("devmesh/target/quarkus-app/quarkus-run.jar");
            out = out != null ? out : root.resolve("load-tests/devmesh-bench/target/devmesh-bench.md");
        }
        if (rate > 0 && (long) rate * seconds > MAX_LATENCY_EVENTS) {
            throw new IllegalArgumentException("--rate × --seconds is above " + MAX_LATENCY_EVENTS + " events");
        }
        return new BenchOptions(seconds, warmup, concurrency, rate, drain, startup, requestTimeout,
                jar.toAbsolutePath(), out.toAbsolutePath(), List.copyOf(devmeshArgs), kafka);
    }

    /** Maven runs the bench in its module directory, a script may run it anywhere below the checkout. */
    private static Path repositoryRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("devmesh"))) {
                return dir;
            }
        }
        throw new IllegalArgumentException("no Cascade checkout above " + start
                + ": give --devmesh-jar and --out");
    }

    private static KafkaMode kafkaMode(String value) {
        try {
            return KafkaMode.valueOf(value.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--kafka is process, embedded or none, not " + value);
        }
    }

    private static int positive(String name, String value) {
        int parsed = nonNegative(name, value);
        if (parsed == 0) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return parsed;
    }

    private static int nonNegative(String name, String value) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " needs a non-negative integer, not " + value);
    }
}
