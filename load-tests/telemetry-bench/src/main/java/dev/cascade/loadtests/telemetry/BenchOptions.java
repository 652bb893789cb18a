package dev.cascade.loadtests.telemetry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The command line of the benchmark; every option has a default, every wait a bound. */
record BenchOptions(
        long count,
        int partitions,
        int repeat,
        long seed,
        double invalidShare,
        List<String> serviceJvm,
        List<String> baselineJvm,
        Path serviceJar,
        int startupSeconds,
        int stallSeconds,
        int drainSeconds,
        Path root,
        Path out) {

    static final String USAGE = """
            usage: TelemetryBench [options]
              --count N             readings written to the topic, consumed by the baseline and by every pipeline run (default 1000000)
              --partitions N        partitions of the topic (default 1: telemetry-service's watermark is one per stream)
              --repeat K            measured pipeline runs, each on a fresh database and consumer group (default 1)
              --seed N              the device simulator's seed (default 42)
              --invalid-share X     share of invalid readings, 0 to 1, rejected by the service with their reason (default 0)
              --service-jvm "…"     JVM options of telemetry-service (default "-Xmx512m")
              --baseline-jvm "…"    JVM options of ConsumerPerformance's JVM (default "-Xmx512m")
              --service-jar PATH    telemetry-service's quarkus-run.jar (default services/telemetry-service/target/quarkus-app/quarkus-run.jar)
              --startup-timeout N   seconds to wait for the service's /q/health/ready (default 120)
              --stall-timeout N     seconds without a reading processed before a run counts as failed (default 60)
              --drain-timeout N     seconds to wait after the last reading for the closed windows at the sink and the offsets committed (default 60)
              --out PATH            the JSON report (default load-tests/telemetry-bench/target/telemetry-bench.json)
            """;

    static final List<String> DEFAULT_SERVICE_JVM = List.of("-Xmx512m");
    static final List<String> DEFAULT_BASELINE_JVM = List.of("-Xmx512m");

    /** Parses {@code args}; {@code null} means "--help" was asked for. */
    static BenchOptions parse(String[] args, Path workingDirectory) {
        long count = 1_000_000;
        int partitions = 1;
        int repeat = 1;
        long seed = 42;
        double invalidShare = 0;
        List<String> serviceJvm = DEFAULT_SERVICE_JVM;
        List<String> baselineJvm = DEFAULT_BASELINE_JVM;
        Path jar = null;
        int startup = 120;
        int stall = 60;
        int drain = 60;
        Path out = null;
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
                case "--count" -> count = positiveLong(name, value);
                case "--partitions" -> partitions = positive(name, value);
                case "--repeat" -> repeat = positive(name, value);
                case "--seed" -> seed = parseLong(name, value);
                case "--invalid-share" -> invalidShare = share(name, value);
                case "--service-jvm" -> serviceJvm = words(value);
                case "--baseline-jvm" -> baselineJvm = words(value);
                case "--service-jar" -> jar = Path.of(value);
                case "--startup-timeout" -> startup = positive(name, value);
                case "--stall-timeout" -> stall = positive(name, value);
                case "--drain-timeout" -> drain = positive(name, value);
                case "--out" -> out = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        Path root = repositoryRoot(workingDirectory);
        jar = jar != null ? root.resolve(jar) : root.resolve("services/telemetry-service/target/quarkus-app/quarkus-run.jar");
        out = out != null ? root.resolve(out) : root.resolve("load-tests/telemetry-bench/target/telemetry-bench.json");
        return new BenchOptions(count, partitions, repeat, seed, invalidShare, serviceJvm, baselineJvm, jar.normalize(),
                startup, stall, drain, root, out.normalize());
    }

    /** Where the service's logs and ConsumerPerformance's output go: beside the report. */
    Path work() {
        return out.resolveSibling("telemetry-bench");
    }

    /** The service jar is found from the checkout: Maven runs the bench at the repository root. */
    private static Path repositoryRoot(Path start) {
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("services/telemetry-service"))) {
                return dir;
            }
        }
        throw new IllegalArgumentException("no Cascade checkout above " + start.toAbsolutePath()
                + ": run the bench inside one");
    }

    private static List<String> words(String value) {
        String trimmed = value.trim();
        return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("\\s+"));
    }

    private static double share(String name, String value) {
        try {
            double parsed = Double.parseDouble(value);
            if (parsed >= 0 && parsed <= 1) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " needs a number from 0 to 1, not " + value);
    }

    private static int positive(String name, String value) {
        long parsed = positiveLong(name, value);
        if (parsed > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " is too large: " + value);
        }
        return (int) parsed;
    }

    private static long positiveLong(String name, String value) {
        long parsed = parseLong(name, value);
        if (parsed < 1) {
            throw new IllegalArgumentException(name + " needs a positive integer, not " + value);
        }
        return parsed;
    }

    private static long parseLong(String name, String value) {
        try {
            return Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs an integer, not " + value);
        }
    }
}
