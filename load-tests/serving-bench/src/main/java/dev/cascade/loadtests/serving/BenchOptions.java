package dev.cascade.loadtests.serving;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The command line of the benchmark; every number has a default, every wait a bound derived from these. */
record BenchOptions(
        int runs,
        int burst,
        int concurrency,
        Duration idle,
        List<String> functionJvmArgs,
        Set<Variant> variants,
        Path jdk25,
        int startupSeconds,
        int requestTimeoutSeconds,
        int scaleToZeroSeconds,
        Path root,
        Path devmeshJar,
        Path out,
        List<String> devmeshArgs) {

    static final String USAGE = """
            usage: ServingBench [options]
              --runs N                  measurements of each function and variant, interleaved (default 5)
              --burst N                 events in each burst (default 1000)
              --concurrency N           events in flight during a burst (default 64)
              --idle SECONDS            devmesh.serving.idle: idle time before an instance is stopped (default 3)
              --function-jvm-args "…"   JVM options of every function instance (default "-Xmx128m -XX:+UseSerialGC")
              --variants a,b,…          which of jvm, appcds, jvm25, aot25, aot25-trained to run (default all)
              --jdk25 PATH              the JDK 25 home of the *25* variants (default /usr/lib/jvm/temurin-25-jdk-amd64)
              --startup-timeout N       seconds to wait for devmesh's /q/health/ready (default 180)
              --request-timeout N       seconds without an answer before an event counts as failed (default 60)
              --scale-to-zero-timeout N seconds to wait for the functions to be stopped (default 90)
              --devmesh-jar PATH        devmesh's quarkus-run.jar (default: devmesh/target/quarkus-app/quarkus-run.jar)
              --out PATH                the Markdown report (default: load-tests/serving-bench/target/serving-bench.md)
              --devmesh-arg ARG         one more JVM option for devmesh (repeatable)
            """;

    static final List<String> DEFAULT_FUNCTION_JVM_ARGS = List.of("-Xmx128m", "-XX:+UseSerialGC");
    static final Path DEFAULT_JDK25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
    /** A burst keeps one id per event until it ends. */
    static final int MAX_BURST = 100_000;

    /** Parses {@code args}; {@code null} means "--help" was asked for. */
    static BenchOptions parse(String[] args) {
        int runs = 5;
        int burst = 1_000;
        int concurrency = 64;
        int idleSeconds = 3;
        List<String> functionJvmArgs = DEFAULT_FUNCTION_JVM_ARGS;
        Set<Variant> variants = EnumSet.copyOf(Variant.MEASURED);
        Path jdk25 = DEFAULT_JDK25;
        int startup = 180;
        int requestTimeout = 60;
        int scaleToZero = 90;
        Path jar = null;
        Path out = null;
        List<String> devmeshArgs = new ArrayList<>();
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
                case "--runs" -> runs = positive(name, value);
                case "--burst" -> burst = positive(name, value);
                case "--concurrency" -> concurrency = positive(name, value);
                case "--idle" -> idleSeconds = positive(name, value);
                case "--function-jvm-args" -> functionJvmArgs = words(value);
                case "--variants" -> variants = variants(value);
                case "--jdk25" -> jdk25 = Path.of(value);
                case "--startup-timeout" -> startup = positive(name, value);
                case "--request-timeout" -> requestTimeout = positive(name, value);
                case "--scale-to-zero-timeout" -> scaleToZero = positive(name, value);
                case "--devmesh-jar" -> jar = Path.of(value);
                case "--out" -> out = Path.of(value);
                case "--devmesh-arg" -> devmeshArgs.add(value);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (burst > MAX_BURST) {
            throw new IllegalArgumentException("--burst is above " + MAX_BURST);
        }
        Path root = repositoryRoot();
        jar = jar != null ? jar : root.resolve("devmesh/target/quarkus-app/quarkus-run.jar");
        out = out != null ? out : root.resolve("load-tests/serving-bench/target/serving-bench.md");
        return new BenchOptions(runs, burst, concurrency, Duration.ofSeconds(idleSeconds), functionJvmArgs,
                Collections.unmodifiableSet(variants), jdk25.toAbsolutePath(), startup, requestTimeout, scaleToZero, root,
                jar.toAbsolutePath(), out.toAbsolutePath(), List.copyOf(devmeshArgs));
    }

    /** The fixtures' builds are found from the checkout: Maven runs the bench in its module directory. */
    private static Path repositoryRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("load-tests/fixture-functions"))) {
                return dir;
            }
        }
        throw new IllegalArgumentException("no Cascade checkout above " + start + ": run the bench inside one");
    }

    private static Set<Variant> variants(String value) {
        Set<Variant> chosen = EnumSet.noneOf(Variant.class);
        for (String name : value.split(",")) {
            String trimmed = name.trim();
            if (!Variant.NAMES.contains(trimmed)) {
                throw new IllegalArgumentException("unknown variant " + trimmed + ": choose from " + Variant.NAMES);
            }
            chosen.add(Variant.byId(trimmed));
        }
        return chosen;
    }

    /** devmesh's working directory: its log, the functions' logs, the recorded AOT caches. */
    Path work() {
        return out.resolveSibling("serving-bench");
    }

    private static List<String> words(String value) {
        String trimmed = value.trim();
        return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("\\s+"));
    }

    private static int positive(String name, String value) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " needs a positive integer, not " + value);
    }
}
