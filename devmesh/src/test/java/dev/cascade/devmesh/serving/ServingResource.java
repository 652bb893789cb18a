package dev.cascade.devmesh.serving;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * devmesh with the manifests of {@code src/test/resources/serving/} (copied to a directory the tests may edit),
 * every Service run as the {@link dev.cascade.devmesh.serving.fixtures.EchoFunction} fixture, a 2 s idle period,
 * and a queue of 8 held requests per Service.
 */
public class ServingResource implements QuarkusTestResourceLifecycleManager {

    static final List<String> SERVICES = List.of("echo", "crashy", "scaled", "mirror", "envy", "slow-start", "rolling",
            "warm");
    /** Where the Service "elsewhere" runs, as far as devmesh knows: nothing listens there. */
    static final String ELSEWHERE = "http://127.0.0.1:9/elsewhere";
    static final Duration IDLE = Duration.ofSeconds(2);
    static final int QUEUE_DEPTH = 8;
    static final String INJECTED = "from-devmesh";

    static Path manifests;
    static Path records;

    @Override
    public Map<String, String> start() {
        try {
            manifests = copyOf(Path.of("src/test/resources/serving"));
            records = Files.createTempDirectory("devmesh-serving-records-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> config = new HashMap<>();
        config.put("devmesh.manifests", manifests.toString());
        config.put("devmesh.serving.idle", IDLE.toSeconds() + "s");
        config.put("devmesh.serving.queue-depth", String.valueOf(QUEUE_DEPTH));
        config.put("devmesh.serving.stop-grace", "2s");
        config.put("devmesh.serving.log-dir", Path.of("target/serving-logs").toAbsolutePath().toString());
        config.put("devmesh.serving.inject.ECHO_RECORD_DIR", records.toString());
        config.put("devmesh.serving.inject.INJECTED", INJECTED);
        config.put("devmesh.services.elsewhere.url", ELSEWHERE);
        for (String service : SERVICES) {
            config.put("devmesh.services." + service + ".command", fixtureCommand());
        }
        return config;
    }

    /** The fixture as a lean JVM of its own, from the test classes. */
    static String fixtureCommand() {
        return "'" + Path.of(System.getProperty("java.home"), "bin", "java") + "'"
                + " -Xmx64m -Xss256k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData"
                + " -cp '" + Path.of("target/test-classes").toAbsolutePath() + "'"
                + " dev.cascade.devmesh.serving.fixtures.EchoFunction";
    }

    static Path copyOf(Path source) throws IOException {
        Path copy = Files.createTempDirectory("devmesh-serving-manifests-");
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        return copy;
    }

    @Override
    public void stop() {
        delete(manifests);
        delete(records);
    }

    static void delete(Path directory) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind
        }
    }
}
