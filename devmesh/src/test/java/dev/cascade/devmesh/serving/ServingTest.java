package dev.cascade.devmesh.serving;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.cascade.devmesh.DevmeshReady;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * Knative Services run as real processes (the {@link dev.cascade.devmesh.serving.fixtures.EchoFunction} fixture)
 * behind devmesh's stable URLs, fed by a real broker: cold starts, scale to zero, crashes, max-scale, the
 * activator's queue and timeout, the proxy, the environment, and manifest changes. Each test uses a Service of
 * its own (see {@code src/test/resources/serving/}).
 */
@QuarkusTest
@WithTestResource(ServingResource.class)
class ServingTest {

    private static final String BROKER = "/serving/default";
    private static final String ECHO_TYPE = "test.serving.echo";
    private static final String CRASHY_TYPE = "test.serving.crashy";
    private static final Duration IDLE = ServingResource.IDLE;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @BeforeEach
    void manifestsLoaded() {
        DevmeshReady.manifestsLoaded();
    }

    @Test
    void anEventForAFunctionAtZeroWaitsForAColdStartAndTheIdleFunctionIsStopped() {
        assertThat(service("echo")).containsEntry("state", "scaled-to-zero").containsEntry("instances", 0);

        String id = UUID.randomUUID().toString();
        event(ECHO_TYPE, id).post(BROKER).then().statusCode(202);
        long delivered = System.nanoTime();

        assertThat(recordedIds()).contains(id);
        Map<String, Object> echo = service("echo");
        assertThat(echo).containsEntry("state", "ready").containsEntry("instances", 1).containsEntry("coldStarts", 1);
        assertThat(((Number) echo.get("lastColdStartMs")).longValue()).isPositive();
        given().get("/q/metrics").then()
                .body(containsString("devmesh_serving_cold_starts_total{namespace=\"serving\",service=\"echo\"} 1.0"))
                .body(containsString(
                        "devmesh_serving_cold_start_seconds_count{namespace=\"serving\",service=\"echo\"} 1"))
                .body(containsString("devmesh_serving_instances{namespace=\"serving\",service=\"echo\"} 1.0"));
        long pid = pids("echo").get(0);

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(service("echo")).containsEntry("state", "scaled-to-zero").containsEntry("instances", 0));
        // (the instance's idle time began a moment before the producer got its 202)
        assertThat(Duration.ofNanos(System.nanoTime() - delivered)).isGreaterThan(IDLE.minusMillis(100));
        assertThat(Processes.alive(pid)).isFalse();
    }

    @Test
    void aServiceWithMinScaleRunsWithoutRequestsAndOutlivesTheIdlePeriod() throws Exception {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(service("warm")).containsEntry("state", "ready").containsEntry("instances", 1));
        long pid = pids("warm").get(0);
        Thread.sleep(IDLE.plusSeconds(1).toMillis());
        assertThat(service("warm")).containsEntry("state", "ready").containsEntry("minScale", 1)
                .containsEntry("coldStarts", 0);
        assertThat(pids("warm")).containsExactly(pid);
    }

    @Test
    void aServiceWithAConfiguredUrlIsNeitherRunNorProxied() {
        assertThat(service("elsewhere")).containsEntry("state", "external")
                .containsEntry("url", ServingResource.ELSEWHERE)
                .containsEntry("instances", 0);
    }

    @Test
    void killingTheInstanceInTheMiddleOfAStreamLosesNoEvent() throws Exception {
        List<String> ids = IntStream.range(0, 60).mapToObj(i -> UUID.randomUUID().toString()).toList();
        ExecutorService producers = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (String id : ids) {
                answers.add(producers.submit(() -> event(CRASHY_TYPE, id).post(BROKER).statusCode()));
            }
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10))
                    .until(() -> delivered(ids) >= 10);
            long victim = pids("crashy").get(0);
            ProcessHandle.of(victim).orElseThrow().destroyForcibly(); // SIGKILL
            assertThat(delivered(ids)).as("the kill must come in the middle of the stream").isLessThan(ids.size());

            for (Future<Integer> answer : answers) {
                // MTChannelBasedBroker answers 202 only once the subscriber took the event (after retries)
                assertThat(answer.get(60, TimeUnit.SECONDS)).isEqualTo(202);
            }
            assertThat(recordedIds()).containsAll(ids);
            assertThat(pids("crashy")).doesNotContain(victim);
            assertThat((Integer) service("crashy").get("coldStarts")).isGreaterThanOrEqualTo(2);
        } finally {
            producers.shutdownNow();
        }
    }

    @Test
    void concurrencyStartsInstancesUpToMaxScaleAndEachTakesAtMostItsContainerConcurrency() throws Exception {
        URI url = URI.create(url("scaled") + "/work");
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < ServingResource.QUEUE_DEPTH; i++) {
            responses.add(http.sendAsync(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        int mostInstances = 0;
        while (!responses.stream().allMatch(CompletableFuture::isDone)) {
            mostInstances = Math.max(mostInstances, (Integer) service("scaled").get("instances"));
            Thread.sleep(20);
        }

        Set<String> servedBy = new HashSet<>();
        for (CompletableFuture<HttpResponse<String>> response : responses) {
            assertThat(response.get().statusCode()).isEqualTo(200);
            assertThat(response.get().headers().firstValue("x-echo-concurrency")).hasValue("1");
            servedBy.add(response.get().headers().firstValue("x-echo-pid").orElseThrow());
        }
        assertThat(servedBy).hasSize(2);
        assertThat(mostInstances).isEqualTo(2);
        assertThat(service("scaled")).containsEntry("maxScale", 2).containsEntry("containerConcurrency", 1);
    }

    @Test
    void theStableUrlPassesRequestsAndResponsesThroughWhole() throws Exception {
        String url = url("mirror");
        byte[] body = new byte[300_000];
        new Random(7).nextBytes(body);

        HttpRequest put = HttpRequest.newBuilder(URI.create(url + "/some/path?status=207&x=a%20b"))
                .header("x-test-color", "blue")
                .method("PUT", HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<byte[]> response = http.send(put, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(207);
        assertThat(response.headers().firstValue("x-echo-method")).hasValue("PUT");
        assertThat(response.headers().firstValue("x-echo-uri")).hasValue("/some/path?status=207&x=a%20b");
        assertThat(response.headers().firstValue("x-echo-header-x-test-color")).hasValue("blue");
        assertThat(response.headers().firstValue("x-echo-host")).hasValue(URI.create(url).getAuthority());
        assertThat(response.body()).isEqualTo(body);

        // no Content-Length: the body is streamed in chunks, both ways
        HttpResponse<byte[]> chunked = http.send(HttpRequest.newBuilder(URI.create(url + "/chunked"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(chunked.statusCode()).isEqualTo(200);
        assertThat(chunked.headers().firstValue("x-echo-method")).hasValue("POST");
        assertThat(chunked.body()).isEqualTo(body);
    }

    @Test
    void anInstanceGetsItsManifestEnvironmentItsPortAndWhatTheLocalRunInjects() throws Exception {
        String url = url("envy");
        assertThat(env(url, "FROM_CONFIGMAP")).isEqualTo("hello");
        assertThat(env(url, "FROM_SECRET")).isEqualTo("not-a-real-token");
        assertThat(env(url, "CFG_greeting")).isEqualTo("hello");
        assertThat(env(url, "CFG_level")).isEqualTo("debug");
        assertThat(env(url, "token")).isEqualTo("not-a-real-token");
        assertThat(env(url, "EXPANDED")).isEqualTo("hello-world, $(FROM_CONFIGMAP)");
        assertThat(env(url, "OPTIONAL_MISSING")).isNull();
        assertThat(env(url, "POD_NAMESPACE")).isEqualTo("serving");
        assertThat(env(url, "INJECTED")).isEqualTo(ServingResource.INJECTED);
        assertThat(env(url, "K_SERVICE")).isEqualTo("envy");
        assertThat(env(url, "K_CONFIGURATION")).isEqualTo("envy");
        assertThat(env(url, "K_REVISION")).isEqualTo("envy-00001");
        assertThat(env(url, "K_SINK")).isEqualTo("http://localhost:" + RestAssured.port + BROKER);
        String port = env(url, "PORT");
        assertThat(env(url, "QUARKUS_HTTP_PORT")).isEqualTo(port);
        assertThat(Integer.parseInt(port)).isNotEqualTo(URI.create(url).getPort());
    }

    @Test
    void aRequestHeldBeyondTheQueueOrItsTimeoutIsAnswered503() throws Exception {
        URI url = URI.create(url("slow-start") + "/");
        int requests = ServingResource.QUEUE_DEPTH + 2;
        long sent = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            responses.add(http.sendAsync(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        int queueFull = 0;
        int timedOut = 0;
        for (CompletableFuture<HttpResponse<String>> response : responses) {
            HttpResponse<String> answer = response.get(30, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).isEqualTo(503);
            if (answer.body().contains("devmesh.serving.queue-depth")) {
                queueFull++;
            } else {
                assertThat(answer.body()).contains("no instance could take the request");
                timedOut++;
            }
        }
        assertThat(queueFull).isEqualTo(2);
        assertThat(timedOut).isEqualTo(ServingResource.QUEUE_DEPTH);
        // timeoutSeconds: 1 bounds the wait, although the activation timeout is 60 s
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).isBetween(Duration.ofMillis(900), Duration.ofSeconds(4));
        assertThat(service("slow-start")).containsEntry("state", "starting").containsEntry("timeoutSeconds", 1);
    }

    @Test
    void aChangedTemplateRollsTheInstancesAndARemovedServiceStops() throws Exception {
        String url = url("rolling");
        assertThat(env(url, "GREETING")).isEqualTo("one");
        long first = pids("rolling").get(0);

        Path manifest = ServingResource.manifests.resolve("400-rolling.yaml");
        Files.writeString(manifest, Files.readString(manifest).replace("value: one", "value: two"));
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> "two".equals(env(url, "GREETING")));
        assertThat(service("rolling")).containsEntry("revision", "rolling-00002").containsEntry("url", url);
        assertThat(env(url, "K_REVISION")).isEqualTo("rolling-00002");
        await().atMost(Duration.ofSeconds(10)).until(() -> !Processes.alive(first));
        List<Long> second = pids("rolling");

        Files.delete(manifest);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> services().stream().noneMatch(s -> "rolling".equals(s.get("name"))));
        await().atMost(Duration.ofSeconds(10)).until(() -> second.stream().noneMatch(Processes::alive));
        await().atMost(Duration.ofSeconds(5)).until(() -> refused(url));
    }

    // ---- helpers ----

    private static RequestSpecification event(String type, String id) {
        return given()
                .header("ce-specversion", "1.0")
                .header("ce-id", id)
                .header("ce-source", "/serving-tests")
                .header("ce-type", type)
                .contentType("application/json")
                .body("{\"n\":1}");
    }

    private static List<Map<String, Object>> services() {
        return given().get("/devmesh/services").then().statusCode(200).extract().jsonPath().getList("");
    }

    private static Map<String, Object> service(String name) {
        return services().stream().filter(s -> name.equals(s.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no Service " + name + " in /devmesh/services"));
    }

    private static String url(String service) {
        return (String) service(service).get("url");
    }

    @SuppressWarnings("unchecked")
    private static List<Long> pids(String service) {
        return ((List<Number>) service(service).get("pids")).stream().map(Number::longValue).toList();
    }


    private static List<String> recordedIds() {
        List<String> ids = new ArrayList<>();
        try (Stream<Path> files = Files.list(ServingResource.records)) {
            for (Path file : files.toList()) {
                ids.addAll(Files.readAllLines(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ids;
    }

    private static long delivered(List<String> ids) {
        Set<String> recorded = new HashSet<>(recordedIds());
        return ids.stream().filter(recorded::contains).count();
    }

    /** The variable as the instance behind the URL sees it; null if it is unset there. */
    private String env(String url, String name) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/env/" + name))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET /env/%s: %s", name, response.body()).isIn(200, 404);
        return response.statusCode() == 404 ? null : response.body();
    }

    private boolean refused(String url) throws InterruptedException {
        try {
            http.send(HttpRequest.newBuilder(URI.create(url + "/")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
