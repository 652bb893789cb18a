package dev.cascade.loadtests.devmesh;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * The producer: binary-mode CloudEvents over HTTP/1.1 keep-alive, from one event loop. Closed loop for
 * throughput (a fixed number in flight), open loop for latency (a pacer thread releases each event at its
 * scheduled time whether or not earlier ones have been answered).
 */
final class LoadGenerator extends AbstractVerticle {

    /** Not a dev.cascade type: those belong to services/event-contracts alone. */
    static final String EVENT_TYPE = "bench.event";
    static final String EVENT_SOURCE = "/load-tests/devmesh-bench";

    private static final CharSequence CE_SPECVERSION = HttpHeaders.createOptimized("ce-specversion");
    private static final CharSequence CE_ID = HttpHeaders.createOptimized("ce-id");
    private static final CharSequence CE_SOURCE = HttpHeaders.createOptimized("ce-source");
    private static final CharSequence CE_TYPE = HttpHeaders.createOptimized("ce-type");
    private static final CharSequence SPEC_1_0 = HttpHeaders.createOptimized("1.0");
    private static final CharSequence SOURCE = HttpHeaders.createOptimized(EVENT_SOURCE);
    private static final CharSequence TYPE = HttpHeaders.createOptimized(EVENT_TYPE);
    private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");

    /**
     * The pacer hands the event loop whatever is due at most this often. Waking the loop once per event nearly
     * doubled the bench's CPU at 16,000 events/s, taken from devmesh on a 2-core machine; the delay this adds is in
     * every target's latency alike, so it cancels out of the added p99.
     */
    static final long MIN_BATCH_INTERVAL_NANOS = TimeUnit.MICROSECONDS.toNanos(250);

    /** Where events go: the subscriber itself, or a broker's ingress. */
    record Target(String name, String host, int port, String path) {
    }

    private final int connections;
    private final long requestTimeoutMillis;
    private HttpClient client;

    LoadGenerator(int connections, int requestTimeoutSeconds) {
        this.connections = connections;
        this.requestTimeoutMillis = TimeUnit.SECONDS.toMillis(requestTimeoutSeconds);
    }

    @Override
    public void start() {
        // Requests are only made from this verticle's context, so every connection and answer is on its event loop.
        client = vertx.createHttpClient(
                new HttpClientOptions().setKeepAlive(true).setKeepAliveTimeout(600).setPipelining(false)
                        .setTryUseCompression(false),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(100_000));
    }

    /**
     * Keeps {@code inFlight} requests going until {@code end} (a {@link System#nanoTime()}); completes when the last
     * one is answered. Each answer or failure is counted in {@code phase}.
     */
    CompletableFuture<Void> closedLoop(Target target, Phase phase, int inFlight, long end) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        AtomicInteger running = new AtomicInteger(inFlight);
        context.runOnContext(ignored -> {
            for (int i = 0; i < inFlight; i++) {
                sendUntil(target, phase, end, running, done);
            }
        });
        return done;
    }

    private void sendUntil(Target target, Phase phase, long end, AtomicInteger running, CompletableFuture<Void> done) {
        if (System.nanoTime() - end >= 0) {
            if (running.decrementAndGet() == 0) {
                done.complete(null);
            }
            return;
        }
        long seq = phase.nextSeq();
        send(target, phase, seq).onComplete(answered -> {
            if (answered.succeeded()) {
                sendUntil(target, phase, end, running, done);
            } else {
                // A failure can come back synchronously: go round the event loop rather than deeper in the stack.
                context.runOnContext(next -> sendUntil(target, phase, end, running, done));
            }
        });
    }

    /**
     * Sends {@code phase.tracked()} events, event {@code i} at {@code phase.origin + phase.scheduledOffset(i)}, from a
     * pacer thread. Completes with the number released once all are (not answered); stops early, leaving the rest
     * unsent, if the pacer ever falls behind {@code deadline}.
     */
    CompletableFuture<Integer> openLoop(Target target, Phase phase, long deadline) {
        CompletableFuture<Integer> released = new CompletableFuture<>();
        Thread pacer = new Thread(() -> released.complete(pace(target, phase, deadline)), "bench-pacer");
        pacer.setDaemon(true);
        pacer.start();
        return released;
    }

    private int pace(Target target, Phase phase, long deadline) {
        int count = phase.tracked();
        int seq = 0;
        while (seq < count) {
            long now = System.nanoTime();
            long wait = phase.origin + phase.scheduledOffset(seq) - now;
            if (wait > 0) {
                LockSupport.parkNanos(Math.max(wait, MIN_BATCH_INTERVAL_NANOS));
                continue;
            }
            if (now - deadline > 0) {
                break;
            }
            int first = seq;
            while (seq < count && phase.origin + phase.scheduledOffset(seq) - now <= 0) {
                seq++;
            }
            int end = seq;
            context.runOnContext(ignored -> {
                for (long event = first; event < end; event++) {
                    send(target, phase, event);
                }
            });
        }
        return seq;
    }

    /** One binary-mode CloudEvent; the answer (status or failure) is counted in {@code phase}. */
    private Future<Integer> send(Target target, Phase phase, long seq) {
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(target.host())
                .setPort(target.port())
                .setURI(target.path())
                .setIdleTimeout(requestTimeoutMillis)
                .putHeader(CE_SPECVERSION, SPEC_1_0)
                .putHeader(CE_ID, phase.idPrefix + seq)
                .putHeader(CE_SOURCE, SOURCE)
                .putHeader(CE_TYPE, TYPE)
                .putHeader(HttpHeaders.CONTENT_TYPE, JSON);
        Buffer body = Buffer.buffer(("{\"seq\":" + seq + "}").getBytes(StandardCharsets.US_ASCII));
        Promise<Integer> answered = Promise.promise();
        client.request(request)
                .compose(sent -> sent.send(body))
                .compose(response -> response.end().map(ended -> response.statusCode()))
                .onComplete(result -> {
                    long now = System.nanoTime();
                    if (result.succeeded()) {
                        phase.answered(seq, result.result(), now);
                        answered.complete(result.result());
                    } else {
                        phase.failed(seq, result.cause());
                        answered.fail(result.cause());
                    }
                });
        return answered.future();
    }
}
