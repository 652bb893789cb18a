package dev.cascade.deadletter.service;

import java.net.URI;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.cascade.deadletter.cloudevents.CloudEventHttp;
import io.cloudevents.CloudEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

/**
 * The broker ingress at {@code K_SINK}, which a SinkBinding (or devmesh) puts into the environment. Events go
 * in binary mode, with a bounded retry on the answers Knative itself retries.
 */
@ApplicationScoped
public class BrokerSink {

    private static final Logger LOG = Logger.getLogger(BrokerSink.class);

    private final Optional<URI> sink;
    private final SinkConfig config;
    private final WebClient client;

    BrokerSink(@ConfigProperty(name = "k.sink") Optional<URI> sink, SinkConfig config, Vertx vertx) {
        this.sink = sink;
        this.config = config;
        this.client = WebClient.create(vertx);
    }

    void logSink(@Observes StartupEvent start) {
        if (sink.isEmpty()) {
            LOG.warn("K_SINK is not set: dead letters are stored but not announced, and cannot be redriven");
        } else {
            LOG.infof("Sending events to the broker at %s", sink.get());
        }
    }

    public boolean isConfigured() {
        return sink.isPresent();
    }

    public Optional<URI> uri() {
        return sink;
    }

    /**
     * Sends {@code event}; fails with {@link SinkFailure} once every attempt failed, or at once if
     * {@code K_SINK} is not set.
     */
    public Uni<Void> send(CloudEvent event) {
        if (sink.isEmpty()) {
            return Uni.createFrom().failure(new SinkFailure("K_SINK is not set", false));
        }
        Uni<Void> attempt = Uni.createFrom().deferred(() -> post(sink.get(), event));
        if (config.attempts() <= 1) {
            return attempt;
        }
        return attempt.onFailure(failure -> failure instanceof SinkFailure sinkFailure && sinkFailure.retryable())
                .retry().withBackOff(config.backoff(), config.backoff().multipliedBy(8))
                .atMost(config.attempts() - 1L);
    }

    private Uni<Void> post(URI uri, CloudEvent event) {
        HttpRequest<Buffer> request = client.postAbs(uri.toString()).timeout(config.timeout().toMillis());
        byte[] body = CloudEventHttp.writeBinary(event, request::putHeader);
        return Uni.createFrom().completionStage(() -> request.sendBuffer(Buffer.buffer(body)).toCompletionStage())
                .onFailure().transform(e -> new SinkFailure("POST " + uri + " failed: " + e.getMessage(), true))
                .chain(response -> accepted(uri, response));
    }

    private static Uni<Void> accepted(URI uri, HttpResponse<Buffer> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().failure(new SinkFailure("POST " + uri + " answered " + status, isRetryable(status)));
    }

    /** The statuses Knative's own delivery retries: 404, 408, 409, 429 and every 5xx. */
    static boolean isRetryable(int status) {
        return status == 404 || status == 408 || status == 409 || status == 429 || status >= 500;
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** The broker did not take an event. */
    public static final class SinkFailure extends RuntimeException {

        private final boolean retryable;

        SinkFailure(String message, boolean retryable) {
            super(message);
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }
}
