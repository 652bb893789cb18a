package dev.cascade.devmesh.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cascade.localinfra.FreePorts;

/**
 * No instance outlives devmesh: devmesh, run from its packaged jar with the serving test manifests, is stopped
 * (SIGTERM) and killed (SIGKILL) while it runs a min-scale instance and a cold-started one; their processes must
 * be gone.
 */
class ServingShutdownIT {

    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private Process devmesh;

    @AfterEach
    void stopDevmesh() {
        if (devmesh != null) {
            devmesh.destroyForcibly();
        }
    }

    @Test
    void stoppingDevmeshStopsEveryInstance() throws Exception {
        int port = FreePorts.find();
        devmesh = start(port, "sigterm");
        long warm = awaitReadyPid(port, "warm");
        String id = UUID.randomUUID().toString();
        assertThat(postEvent(port, id)).isEqualTo(202);
        long echo = pids(port, "echo").get(0);

        devmesh.destroy(); // SIGTERM, as Ctrl-C or a process manager would stop it
        assertThat(devmesh.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(Processes.alive(warm)).as("the min-scale instance").isFalse();
        assertThat(Processes.alive(echo)).as("the cold-started instance").isFalse();
    }

    @Test
    void aKilledDevmeshTakesItsInstancesWithIt() throws Exception {
        assumeThat(Files.isExecutable(Path.of("/usr/bin/setpriv")) || Files.isExecutable(Path.of("/bin/setpriv")))
                .as("instances die with devmesh through setpriv --pdeathsig (Linux, util-linux)").isTrue();
        int port = FreePorts.find();
        devmesh = start(port, "sigkill");
        long warm = awaitReadyPid(port, "warm");

        devmesh.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs

        await().atMost(Duration.ofSeconds(5)).until(() -> !Processes.alive(warm));
    }

    private Process start(int port, String name) throws IOException {
        Path jar = packagedJar();
        Path logs = Files.createDirectories(Path.of("target/serving-it-logs", name).toAbsolutePath());
        Process process = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Ddevmesh.manifests=" + Path.of("src/test/resources/serving").toAbsolutePath(),
                "-Dquarkus.http.port=" + port,
                "-Ddevmesh.serving.log-dir=" + logs,
                "-Ddevmesh.serving.stop-grace=5s",
                "-Ddevmesh.services.elsewhere.url=" + ServingResource.ELSEWHERE,
                "-Ddevmesh.services.echo.command=" + ServingResource.fixtureCommand(),
                "-Ddevmesh.services.warm.command=" + ServingResource.fixtureCommand(),
                "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve("devmesh.log").toFile())
                .start();
        await().atMost(STARTUP).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> get(port, "/q/health/ready").statusCode() == 200);
        return process;
    }

    /**
     * The packaged devmesh, if it was packaged from the classes under test. Failsafe runs after the package phase;
     * surefire, which runs every class a {@code -Dtest} pattern names (this one too), runs before it and finds no
     * jar or an older one: the test is then skipped.
     */
    private static Path packagedJar() throws IOException {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        assumeThat(jar).as("devmesh is packaged").exists();
        FileTime packaged = Files.getLastModifiedTime(jar);
        try (Stream<Path> classes = Files.walk(Path.of("target/classes"))) {
            boolean newer = classes.filter(Files::isRegularFile)
                    .anyMatch(file -> lastModified(file).compareTo(packaged) > 0);
            assumeThat(newer).as("devmesh was packaged after its classes were compiled").isFalse();
        }
        return jar;
    }

    private static FileTime lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private long awaitReadyPid(int port, String service) throws IOException, InterruptedException {
        await().atMost(STARTUP).pollInterval(Duration.ofMillis(100))
                .until(() -> "ready".equals(service(port, service).get("state")));
        return pids(port, service).get(0);
    }

    private int postEvent(int port, String id) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/serving/default"))
                .header("ce-specversion", "1.0").header("ce-id", id).header("ce-source", "/serving-shutdown-test")
                .header("ce-type", "test.serving.echo").header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private Map<String, Object> service(int port, String name) throws IOException, InterruptedException {
        List<Map<String, Object>> services = json.readValue(get(port, "/devmesh/services").body(),
                new TypeReference<>() {
                });
        return services.stream().filter(s -> name.equals(s.get("name"))).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private List<Long> pids(int port, String name) throws IOException, InterruptedException {
        return ((List<Number>) service(port, name).get("pids")).stream().map(Number::longValue).toList();
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

}
