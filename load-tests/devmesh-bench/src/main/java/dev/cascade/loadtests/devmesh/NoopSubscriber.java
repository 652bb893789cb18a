package dev.cascade.loadtests.devmesh;

import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/**
 * The Trigger's subscriber: reads each request to its end and answers 202 with no body, so devmesh has no reply
 * event to route. It notes when each event of the current {@link Phase} arrives; anything else is a stray.
 * One verticle, so one event loop of the bench's Vert.x.
 */
final class NoopSubscriber extends AbstractVerticle {

    private volatile Phase phase;
    private final AtomicLong strays = new AtomicLong();
    private HttpServer server;

    @Override
    public void start(Promise<Void> started) {
        server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .requestHandler(this::handle);
        server.listen().<Void>mapEmpty().onComplete(started);
    }

    int port() {
        return server.actualPort();
    }

    /** From now on, events of {@code next} are counted into it; {@code null} counts nothing. */
    void countInto(Phase next) {
        this.phase = next;
    }

    long strays() {
        return strays.get();
    }

    private void handle(HttpServerRequest request) {
        long now = System.nanoTime();
        Phase current = phase;
        if (current == null || !current.delivered(request.getHeader("ce-id"), now)) {
            strays.incrementAndGet();
        }
        request.end().onComplete(ended -> request.response().setStatusCode(202).end());
    }
}
