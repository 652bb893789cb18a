package dev.cascade.loadtests.serving;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * The producer: binary-mode CloudEvents over HTTP/1.1 keep-alive to the broker's ingress, from one event loop. The MT
 * broker answers 202 only once the function has answered, so each 202 is an event handled.
 */
final class EventSender extends AbstractVerticle {

    static final String EVENT_SOURCE = "/load-tests/serving-bench";

    /** What one event got: its HTTP status (0 if the request failed) and when, in {@link System#nanoTime()}. */
    record Answer(int status, long sentNanos, long answeredNanos, String failure) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        double millis() {
            return (answeredNanos - sentNanos) / 1e6;
        }
    }

    /**
     * A burst's outcome.
     *
     * @param millis from the first send until the last answer
     * @param firstOkMillis from the first send until the first 2xx (-1 if none)
     * @param byStatus non-2xx answers by status
     * @param firstFailure the first failed request's cause, if any
     */
    record Burst(int events, double millis, double firstOkMillis, int ok, Map<Integer, Integer> byStatus, int failed,
            String firstFailure) {

        int non2xx() {
            return byStatus.values().stream().mapToInt(Integer::intValue).sum();
        }

        boolean clean() {
            return ok == events;
        }
    }

    private final int connections;
    private final long requestTimeoutMillis;
    private final int ingressPort;
    private HttpClient client;

    EventSender(int connections, int requestTimeoutSeconds, int ingressPort) {
        this.connections = connections;
        this.requestTimeoutMillis = TimeUnit.SECONDS.toMillis(requestTimeoutSeconds);
        this.ingressPort = ingressPort;
    }

    @Override
    public void start() {
        client = vertx.createHttpClient(
                new HttpClientOptions().setKeepAlive(true).setKeepAliveTimeout(600).setPipelining(false)
                        .setTryUseCompression(false),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(BenchOptions.MAX_BURST));
    }

    /** One event; completes with its answer. */
    CompletableFuture<Answer> sendOne(Fixture fixture, Variant variant, String id) {
        CompletableFuture<Answer> done = new CompletableFuture<>();
        context.runOnContext(ignored -> send(fixture, variant, id, 0).onComplete(result -> done.complete(result.result())));
        return done;
    }

    /**
     * {@code count} events with at most {@code inFlight} awaiting their answer, each sent as soon as another is
     * answered; completes once every one is answered or has failed.
     */
    CompletableFuture<Burst> burst(Fixture fixture, Variant variant, String idPrefix, int count, int inFlight) {
        CompletableFuture<Burst> done = new CompletableFuture<>();
        context.runOnContext(ignored -> new Run(fixture, variant, idPrefix, count, done).start(inFlight));
        return done;
    }

    /** One burst's state, confined to the event loop. */
    private final class Run {
        private final Fixture fixture;
        private final Variant variant;
        private final String idPrefix;
        private final int count;
        private final CompletableFuture<Burst> done;
        private final Map<Integer, Integer> byStatus = new TreeMap<>();
        private long start;
        private long firstOk = -1;
        private int next;
        private int answered;
        private int ok;
        private int failed;
        private String firstFailure;

        Run(Fixture fixture, Variant variant, String idPrefix, int count, CompletableFuture<Burst> done) {
            this.fixture = fixture;
            this.variant = variant;
            this.idPrefix = idPrefix;
            this.count = count;
            this.done = done;
        }

        void start(int inFlight) {
            start = System.nanoTime();
            for (int i = 0; i < Math.min(inFlight, count); i++) {
                sendNext();
            }
        }

        private void sendNext() {
            if (next >= count) {
                return;
            }
            int seq = next++;
            send(fixture, variant, idPrefix + seq, seq).onComplete(result -> {
                Answer answer = result.result();
                answered++;
                if (answer.ok()) {
                    ok++;
                    if (firstOk < 0) {
                        firstOk = answer.answeredNanos();
                    }
                } else if (answer.status() > 0) {
                    byStatus.merge(answer.status(), 1, Integer::sum);
                } else {
                    failed++;
                    if (firstFailure == null) {
                        firstFailure = answer.failure();
                    }
                }
                if (answered == count) {
                    long end = System.nanoTime();
                    done.complete(new Burst(count, (end - start) / 1e6, firstOk < 0 ? -1 : (firstOk - start) / 1e6,
                            ok, Map.copyOf(byStatus), failed, firstFailure));
                } else {
                    // A failure can come back synchronously: go round the event loop rather than deeper in the stack.
                    context.runOnContext(again -> sendNext());
                }
            });
        }
    }

    /** One binary-mode CloudEvent to the broker; never fails, a failed request is an answer with status 0. */
    private Future<Answer> send(Fixture fixture, Variant variant, String id, long seq) {
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost("127.0.0.1")
                .setPort(ingressPort)
                .setURI("/" + Manifests.NAMESPACE + "/" + Manifests.BROKER)
                .setIdleTimeout(requestTimeoutMillis)
                .putHeader("ce-specversion", "1.0")
                .putHeader("ce-id", id)
                .putHeader("ce-source", EVENT_SOURCE)
                .putHeader("ce-type", fixture.eventType)
                .putHeader("ce-" + Variant.EXTENSION, variant.id)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        Buffer body = Buffer.buffer(("{\"seq\":" + seq + ",\"text\":\"serving-bench\"}").getBytes(StandardCharsets.US_ASCII));
        long sent = System.nanoTime();
        return client.request(request)
                .compose(ready -> ready.send(body))
                .compose(response -> response.end().map(ended -> response.statusCode()))
                .map(status -> new Answer(status, sent, System.nanoTime(), null))
                .otherwise(failure -> new Answer(0, sent, System.nanoTime(), String.valueOf(failure)));
    }
}
