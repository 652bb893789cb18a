package dev.cascade.devmesh.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Debian's Chromium, headless, driven through the Chrome DevTools Protocol over the JDK's WebSocket client: just
 * enough to open a page and read its DOM ({@code Page.navigate}, {@code Runtime.evaluate}). Each instance has a fresh
 * profile in a temporary directory; {@link #close} ends the browser and every process it started and deletes the
 * directory.
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    /** Set to {@code 1} (CI does), a missing Chromium fails the tests that need it instead of skipping them. */
    static final String REQUIRE = "CASCADE_REQUIRE_CHROMIUM";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Thread shutdownHook = new Thread(this::stop, "headless-chromium-stop");

    /**
     * Skips the calling test (a JUnit assumption) when {@code /usr/bin/chromium} is missing, or fails it when the
     * environment variable {@value #REQUIRE} is {@code 1}.
     */
    static void assumeInstalled() {
        if (Files.isExecutable(CHROMIUM)) {
            return;
        }
        String missing = CHROMIUM + " is missing: install Debian's chromium (apt-get install -y chromium)";
        if ("1".equals(System.getenv(REQUIRE))) {
            Assertions.fail(missing + "; " + REQUIRE + "=1 requires it");
        }
        Assumptions.abort(missing + " to run this browser test; skipped (" + REQUIRE + "=1 makes it fail instead)");
    }

    static HeadlessChromium start() throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("devmesh-chromium-");
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
            // Killed with the test JVM, should that die before close() (as devmesh starts its instances).
            command.addAll(List.of("/usr/bin/setpriv", "--pdeathsig", "KILL"));
        }
        command.addAll(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--remote-debugging-port=0", "about:blank"));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(profile.resolve("chromium.log").toFile())
                .start();
        try {
            int port = devToolsPort(process, profile);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            URI page = pageTarget(http, port);
            return new HeadlessChromium(process, profile, http, page);
        } catch (IOException | InterruptedException | RuntimeException e) {
            stop(process);
            delete(profile);
            throw e;
        }
    }

    private HeadlessChromium(Process process, Path profile, HttpClient http, URI page) throws IOException,
            InterruptedException {
        this.process = process;
        this.profile = profile;
        try {
            this.socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(page, new Listener()).get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("could not connect to the DevTools page target " + page, e);
        }
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        call("Page.enable", Map.of());
        call("Runtime.enable", Map.of());
    }

    /** Opens {@code url} and waits until the new document has loaded. */
    void navigate(String url) {
        evaluate("window.__headlessChromiumPrevious = true"); // gone once the new document replaced this one
        JsonNode result = call("Page.navigate", Map.of("url", url));
        if (result.hasNonNull("errorText")) {
            throw new IllegalStateException("navigation to " + url + " failed: " + result.get("errorText").asText());
        }
        long deadline = System.nanoTime() + CALL_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (evaluate("window.__headlessChromiumPrevious === undefined && document.readyState === 'complete'")
                        .asBoolean()) {
                    return;
                }
            } catch (IllegalStateException navigating) {
                // the old document's context went away mid-call: ask the new one
            }
            sleep(50);
        }
        throw new IllegalStateException(url + " did not finish loading within " + CALL_TIMEOUT);
    }

    /**
     * The value of a JavaScript expression in the page (promises awaited), as JSON; a missing node for
     * {@code undefined}.
     *
     * @throws IllegalStateException if the expression throws
     */
    JsonNode evaluate(String expression) {
        JsonNode result = call("Runtime.evaluate",
                Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
        if (result.hasNonNull("exceptionDetails")) {
            throw new IllegalStateException("the page threw: " + result.get("exceptionDetails").toString());
        }
        return result.path("result").path("value");
    }

    /** A Java string as a JavaScript string literal, for expressions that embed data. */
    static String literal(String value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode call(String method, Map<String, Object> params) {
        long id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", JSON.valueToTree(params));
        try {
            synchronized (socket) {
                socket.sendText(message.toString(), true).get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
            JsonNode response = answer.get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (response.hasNonNull("error")) {
                throw new IllegalStateException(method + " failed: " + response.get("error"));
            }
            return response.path("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(method + " got no answer: " + e, e);
        } finally {
            pending.remove(id);
        }
    }

    /** Assembles the frames of each message and completes the call it answers; events are not needed. */
    private final class Listener implements WebSocket.Listener {

        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(text.toString());
                    CompletableFuture<JsonNode> caller = message.has("id") ? pending.get(message.get("id").asLong()) : null;
                    if (caller != null) {
                        caller.complete(message);
                    }
                } catch (IOException e) {
                    pending.values().forEach(caller -> caller.completeExceptionally(e));
                } finally {
                    text.setLength(0);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            pending.values().forEach(caller -> caller.completeExceptionally(
                    new IOException("DevTools connection closed: " + statusCode + " " + reason)));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            pending.values().forEach(caller -> caller.completeExceptionally(error));
        }
    }

    /** Chromium writes its port, then the browser's WebSocket path, once DevTools listens. */
    private static int devToolsPort(Process process, Path profile) throws IOException, InterruptedException {
        Path file = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file);
                if (lines.size() >= 2 && lines.get(0).matches("\\d+")) {
                    return Integer.parseInt(lines.get(0));
                }
            }
            if (!process.isAlive()) {
                throw new IOException("chromium exited with " + process.exitValue() + ": " + log(profile));
            }
            Thread.sleep(50);
        }
        throw new IOException("chromium wrote no DevToolsActivePort within " + START_TIMEOUT + ": " + log(profile));
    }

    /** The WebSocket URL of the page Chromium opened ({@code about:blank}). */
    private static URI pageTarget(HttpClient http, int port) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> targets = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/json/list")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            for (JsonNode target : JSON.readTree(targets.body())) {
                if ("page".equals(target.path("type").asText()) && target.hasNonNull("webSocketDebuggerUrl")) {
                    return URI.create(target.get("webSocketDebuggerUrl").asText());
                }
            }
            Thread.sleep(50);
        }
        throw new IOException("chromium on port " + port + " lists no page target");
    }

    private static String log(Path profile) {
        try {
            String log = Files.readString(profile.resolve("chromium.log"));
            return log.length() > 2_000 ? log.substring(log.length() - 2_000) : log;
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        try {
            socket.sendText("{\"id\":0,\"method\":\"Browser.close\"}", true).get(2, TimeUnit.SECONDS);
        } catch (Exception alreadyGone) {
            // stopped below in any case
        }
        socket.abort();
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    private void stop() {
        stop(process);
        delete(profile);
    }

    /** Ends Chromium and every process it started (renderers, zygotes, utilities), then waits for them. */
    private static void stop(Process process) {
        List<ProcessHandle> started = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ProcessHandle child : started) {
            child.destroyForcibly();
        }
        for (ProcessHandle child : started) {
            child.onExit().completeOnTimeout(child, 5, TimeUnit.SECONDS).join();
        }
    }

    /** Deletes the profile; a process that was still writing into it may leave a file behind, so it tries again. */
    private static void delete(Path directory) {
        for (int attempt = 0; attempt < 5 && Files.exists(directory); attempt++) {
            try (Stream<Path> paths = Files.walk(directory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            } catch (IOException | UncheckedIOException retry) {
                sleep(200);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
