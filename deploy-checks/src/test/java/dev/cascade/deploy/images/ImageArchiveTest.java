package dev.cascade.deploy.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cascade.deploy.k8s.DeploymentInvariants;
import dev.cascade.localinfra.FreePorts;
import dev.cascade.localinfra.LocalPostgres;

/**
 * The container image Quarkus' Jib extension builds for a service, proven without Docker: payment-service's build
 * writes {@code target/images/payment-service.tar} (an execution of {@code quarkus:image-build} in its POM, through
 * {@code k8s/images/docker-load-to-tar}, the way k8s/README.md builds the images for kind). This test reads that
 * {@code docker save} archive as {@code kind load image-archive} would, checks the name, user and entry point the
 * manifests rely on, unpacks its layers, and starts the service from the unpacked file system with its entry point,
 * against a real PostgreSQL, until it is ready.
 *
 * <p>The base image is {@code scratch} here, because the default base (UBI OpenJDK) is on a registry this build
 * cannot reach; the test supplies the base image's one part the entry point needs, {@code java}, from the JDK running
 * it. Every service shares the image settings checked in {@link #everyServiceBuildsItsImageTheSameWay}.
 */
class ImageArchiveTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final String SERVICE = "payment-service";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theArchiveIsADockerSaveImageThatStartsTheServiceAsTheManifestsExpect(@TempDir Path root) throws Exception {
        Path archive = REPOSITORY.resolve("services/" + SERVICE + "/target/images/" + SERVICE + ".tar");
        assertThat(archive).as("built by payment-service's package phase; run ./mvnw package -pl services/"
                + SERVICE + " -am").isRegularFile();

        Map<String, byte[]> files = readTar(Files.newInputStream(archive));
        JsonNode manifest = JSON.readTree(files.get("manifest.json")).get(0);
        assertThat(manifest.path("RepoTags").get(0).asText()).isEqualTo(DeploymentInvariants.IMAGE_FORMAT.formatted(SERVICE));
        JsonNode config = JSON.readTree(files.get(manifest.path("Config").asText())).path("config");
        // k8s/ runs every Service with runAsNonRoot: the user must be numeric and not 0.
        assertThat(config.path("User").asText()).isEqualTo("185");
        List<String> entrypoint = new ArrayList<>();
        config.path("Entrypoint").forEach(part -> entrypoint.add(part.asText()));
        assertThat(entrypoint).first().isEqualTo("java");
        assertThat(entrypoint).contains("-jar");
        String jar = entrypoint.get(entrypoint.indexOf("-jar") + 1);

        for (JsonNode layer : manifest.path("Layers")) {
            unpack(files.get(layer.asText()), root);
        }
        // The entry point runs in the working directory, as a container runtime starts it.
        Path workingDir = root.resolve(config.path("WorkingDir").asText("/").substring(1));
        assertThat(workingDir.resolve(jar)).as("the entry point's jar, in the image").isRegularFile();
        assertThat(workingDir.resolve("lib/main")).as("the application's libraries, in the image").isDirectory();

        try (LocalPostgres postgres = LocalPostgres.start()) {
            postgres.ensureDatabase("cascade");
            int port = FreePorts.find();
            List<String> command = new ArrayList<>(entrypoint);
            command.set(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workingDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(root.resolve("service.log").toFile());
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(name -> name.startsWith("QUARKUS_") || name.startsWith("KAFKA_"));
            imageEnvironment(config).forEach(env::put);
            env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
            env.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl("cascade"));
            env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:" + postgres.reactiveUrl("cascade"));
            env.put("QUARKUS_DATASOURCE_USERNAME", postgres.username());
            env.put("QUARKUS_DATASOURCE_PASSWORD", postgres.password());
            env.put("QUARKUS_OTEL_SDK_DISABLED", "true");
            Process service = builder.start();
            try {
                assertThat(awaitReady(service, port, Duration.ofSeconds(90)))
                        .as("the service started from the image's files; its log: " + root.resolve("service.log"))
                        .isEqualTo(200);
            } finally {
                service.destroy();
                if (!service.waitFor(20, TimeUnit.SECONDS)) {
                    service.destroyForcibly();
                }
            }
        }
    }

    /** The settings that make the image: the same in every service, so the one archive above stands for all. */
    @Test
    void everyServiceBuildsItsImageTheSameWay() throws IOException {
        Map<String, Map<String, String>> settings = new HashMap<>();
        try (Stream<Path> services = Files.list(REPOSITORY.resolve("services"))) {
            for (Path service : services.filter(dir -> Files.isRegularFile(dir.resolve("pom.xml"))
                    && Files.isDirectory(dir.resolve("src/main/resources"))).toList()) {
                Properties properties = new Properties();
                Path file = service.resolve("src/main/resources/application.properties");
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                try (InputStream in = Files.newInputStream(file)) {
                    properties.load(in);
                }
                if (!Files.readString(service.resolve("pom.xml")).contains("quarkus-container-image-jib")) {
                    continue;
                }
                Map<String, String> image = new HashMap<>();
                properties.stringPropertyNames().stream()
                        .filter(key -> key.startsWith("quarkus.container-image.") || key.startsWith("quarkus.jib."))
                        .forEach(key -> image.put(key, properties.getProperty(key)));
                settings.put(service.getFileName().toString(), image);
            }
        }
        assertThat(settings).containsKey(SERVICE).hasSizeGreaterThanOrEqualTo(8);
        assertThat(settings.values()).allSatisfy(image -> assertThat(image).isEqualTo(settings.get(SERVICE)));
        assertThat(settings.get(SERVICE)).containsEntry("quarkus.container-image.registry", "dev.local")
                .containsEntry("quarkus.container-image.group", "cascade")
                .containsEntry("quarkus.jib.user", "185");
    }

    private static Map<String, String> imageEnvironment(JsonNode config) {
        Map<String, String> env = new HashMap<>();
        config.path("Env").forEach(pair -> {
            String text = pair.asText();
            int eq = text.indexOf('=');
            // The base image's PATH and JAVA_HOME point into a JDK this test replaces by its own.
            String name = text.substring(0, eq);
            if (!name.equals("PATH") && !name.equals("JAVA_HOME")) {
                env.put(name, text.substring(eq + 1));
            }
        });
        return env;
    }

    private static int awaitReady(Process service, int port, Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        int status = 0;
        while (System.nanoTime() < deadline && service.isAlive()) {
            try {
                status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) {
                    return status;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        return status;
    }

    /** A tar's regular files by name (a {@code docker save} archive is small enough to hold). */
    private static Map<String, byte[]> readTar(InputStream raw) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(raw)) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (entry.isFile()) {
                    files.put(entry.getName(), tar.readAllBytes());
                }
            }
        }
        return files;
    }

    /** Unpacks one layer (a tar, gzipped or not) into {@code root}, keeping the executable bits. */
    private static void unpack(byte[] layer, Path root) throws IOException {
        boolean gzipped = layer.length > 2 && (layer[0] & 0xff) == 0x1f && (layer[1] & 0xff) == 0x8b;
        InputStream in = new ByteArrayInputStream(layer);
        try (TarArchiveInputStream tar = new TarArchiveInputStream(gzipped ? new GzipCompressorInputStream(in) : in)) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new IOException("a layer entry escapes the root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (entry.isFile()) {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                    if ((entry.getMode() & 0100) != 0) {
                        Set<PosixFilePermission> permissions = new HashSet<>(Files.getPosixFilePermissions(target));
                        permissions.add(PosixFilePermission.OWNER_EXECUTE);
                        Files.setPosixFilePermissions(target, permissions);
                    }
                }
            }
        }
    }
}
