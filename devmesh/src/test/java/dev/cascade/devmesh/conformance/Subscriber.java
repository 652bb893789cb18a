package dev.cascade.devmesh.conformance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/**
 * A real HTTP subscriber and dead-letter sink for conformance tests: it records every request and answers
 * each path with the responses a test scripted for it (200 with an empty body when nothing is scripted).
 */
public final class Subscriber implements AutoCloseable {

    public record Received(String path, MultiMap headers, byte[] body, Instant at) {

        public String header(String name) {
            return headers.get(name);
        }

        public String bodyText() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** One scripted answer; {@code delayMillis} holds it back, to keep a delivery in flight. */
    public record Scripted(int status, Map<String, String> headers, String body, long delayMillis) {

        public Scripted(int status, Map<String, String> headers, String body) {
            this(status, headers, body, 0);
        }

        public static Scripted status(int status) {
            return new Scripted(status, Map.of(), "");
        }
    }

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Scripted>> scripts = new ConcurrentHashMap<>();
    private final Map<String, Long> delays = new ConcurrentHashMap<>();
    private final Map<String, Function<Received, Scripted>> responders = new ConcurrentHashMap<>();

    public Subscriber() {
        server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(request.headers());
            Received arrived = new Received(request.path(), headers, body.getBytes(), Instant.now());
            received.add(arrived);
            Deque<Scripted> script = scripts.get(request.path());
            Scripted scripted = script == null ? null : script.pollFirst();
            Function<Received, Scripted> responder = responders.get(request.path());
            Scripted next = scripted != null ? scripted
                    : responder != null ? responder.apply(arrived)
                    : new Scripted(200, Map.of(), "", delays.getOrDefault(request.path(), 0L));
            Runnable answer = () -> {
                request.response().setStatusCode(next.status());
                next.headers().forEach(request.response()::putHeader);
                request.response().end(next.body());
            };
            if (next.delayMillis() > 0) {
                vertx.setTimer(next.delayMillis(), id -> answer.run());
            } else {
                answer.run();
            }
        }));
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("subscriber did not start", e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    public void script(String path, Scripted... responses) {
        scripts.computeIfAbsent(path, p -> new ConcurrentLinkedDeque<>()).addAll(List.of(responses));
    }

    /** Every unscripted answer at {@code path} is what {@code responder} makes of the request (e.g. a reply event). */
    public void respond(String path, Function<Received, Scripted> responder) {
        responders.put(path, responder);
    }

    /** Every unscripted answer at {@code path} (200, empty) waits this long. */
    public void slow(String path, Duration delay) {
        delays.put(path, delay.toMillis());
    }

    public List<Received> at(String path) {
        List<Received> matching = new ArrayList<>();
        for (Received request : received) {
            if (request.path().equals(path)) {
                matching.add(request);
            }
        }
        return matching;
    }

    /** Requests at {@code path} whose {@code ce-id} (binary mode) is {@code eventId}. */
    public List<Received> at(String path, String eventId) {
        return at(path).stream().filter(r -> eventId.equals(r.header("ce-id"))).toList();
    }

    public void reset() {
        received.clear();
        scripts.clear();
        delays.clear();
        responders.clear();
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(Duration.ofSeconds(10).toSeconds(), TimeUnit.SECONDS)
                .join();
    }
}
