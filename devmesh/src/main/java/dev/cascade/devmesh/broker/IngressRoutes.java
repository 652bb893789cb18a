package dev.cascade.devmesh.broker;

import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.cascade.devmesh.BrokerClass;
import io.cloudevents.CloudEvent;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Broker ingress, {@code POST /<namespace>/<broker>}, answering exactly as the broker's class does (spec §1):
 * method, path, parse and validation, lookup and TTL checks in MTChannelBasedBroker's order, or the Kafka
 * broker's (unknown path 404 before the body is read, OPTIONS 405, 503 when the log refuses a write).
 */
@ApplicationScoped
public class IngressRoutes {

    /** After Quarkus's own routes (/q/*) and devmesh's API (/devmesh/*), which are more specific. */
    private static final int ORDER = 10_000;

    private final Mesh mesh;
    private final long bodyLimit;

    public IngressRoutes(Mesh mesh,
            @ConfigProperty(name = "devmesh.ingress.max-body-bytes", defaultValue = "-1") long bodyLimit) {
        this.mesh = mesh;
        this.bodyLimit = bodyLimit;
    }

    void register(@Observes Router router) {
        BodyHandler body = BodyHandler.create(false).setBodyLimit(bodyLimit).setHandleFileUploads(false);
        router.route().order(ORDER).handler(this::preflight);
        router.route().order(ORDER + 1).handler(body);
        router.route().order(ORDER + 2).handler(this::ingest);
    }

    /** Everything that is decided before the body is read. */
    private void preflight(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (context.normalizedPath().startsWith("/devmesh/") || context.normalizedPath().startsWith("/q/")) {
            context.next(); // an API path that matched no API route: let Vert.x answer 404 or 405
            return;
        }
        BrokerPath path = BrokerPath.parse(request.uri());
        Optional<BrokerRuntime> broker = path.valid() ? mesh.broker(path.namespace(), path.name()) : Optional.empty();
        BrokerClass brokerClass = broker.map(BrokerRuntime::brokerClass).orElse(BrokerClass.MT_CHANNEL_BASED);

        if (brokerClass == BrokerClass.KAFKA) {
            if (request.method() != HttpMethod.POST) {
                context.response().setStatusCode(405).end();
                return;
            }
        } else if (request.method() == HttpMethod.OPTIONS) {
            context.response().setStatusCode(200)
                    .putHeader("Allow", "POST, OPTIONS")
                    .putHeader("WebHook-Allowed-Origin", "*")
                    .putHeader("WebHook-Allowed-Rate", "*")
                    .end();
            return;
        } else if (request.method() != HttpMethod.POST) {
            context.response().setStatusCode(405).putHeader("Allow", "POST, OPTIONS").end();
            return;
        }
        if (path.root()) {
            reply(context, 404, "no broker at /");
            return;
        }
        if (!path.valid()) {
            reply(context, 400, "malformed broker path " + request.path() + ": expected /<namespace>/<broker>");
            return;
        }
        if (brokerClass == BrokerClass.KAFKA && broker.isEmpty()) {
            reply(context, 404, "broker " + path.namespace() + "/" + path.name() + " not found");
            return;
        }
        context.put(BrokerPath.class.getName(), path);
        context.next();
    }

    private void ingest(RoutingContext context) {
        BrokerPath path = context.get(BrokerPath.class.getName());
        if (path == null) {
            context.next();
            return;
        }
        byte[] bytes = context.body().buffer() == null ? new byte[0] : context.body().buffer().getBytes();
        CloudEventCodec.Decoded decoded = CloudEventCodec.decode(context.request().headers(), bytes);
        CloudEvent event;
        if (decoded instanceof CloudEventCodec.Event parsed) {
            event = parsed.event();
        } else {
            String reason = decoded instanceof CloudEventCodec.Invalid invalid
                    ? invalid.reason()
                    : ((CloudEventCodec.NoEvent) decoded).reason();
            reply(context, 400, "not a valid CloudEvent: " + reason);
            return;
        }
        // MT validates before the lookup: a malformed event to an unknown broker gets 400, a valid one 404.
        Optional<BrokerRuntime> broker = mesh.broker(path.namespace(), path.name());
        if (broker.isEmpty()) {
            reply(context, 404, "broker " + path.namespace() + "/" + path.name() + " not found");
            return;
        }
        MultiMap passThrough = passThroughHeaders(context.request().headers());
        TraceContext parent = TraceContext.incoming(context.request().getHeader("traceparent"),
                context.request().getHeader("tracestate"), event);
        broker.get().ingest(event, passThrough, parent).onComplete(result -> {
            if (result.succeeded()) {
                reply(context, result.result().status(), result.result().message());
            } else {
                reply(context, 500, "ingress failed: " + result.cause().getMessage());
            }
        });
    }

    /** The producer headers Knative carries to subscribers (spec §5.1); all others are dropped. */
    static MultiMap passThroughHeaders(MultiMap headers) {
        MultiMap kept = MultiMap.caseInsensitiveMultiMap();
        for (var header : headers) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("x-request-id") || name.equals("retry-after") || name.startsWith("knative-")
                    || name.startsWith("x-b3-")) {
                kept.add(header.getKey(), header.getValue());
            }
        }
        return kept;
    }

    private static void reply(RoutingContext context, int status, String message) {
        if (context.response().ended()) {
            return;
        }
        context.response().setStatusCode(status);
        if (message == null) {
            context.response().end();
        } else {
            context.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8").end(message);
        }
    }

    /** MT's path rules: "/" is 404; one trailing slash trimmed; exactly /ns/name, the query being part of it. */
    record BrokerPath(boolean root, boolean valid, String namespace, String name) {

        static BrokerPath parse(String requestUri) {
            if (requestUri.equals("/") || requestUri.isEmpty()) {
                return new BrokerPath(true, false, null, null);
            }
            String path = requestUri.endsWith("/") ? requestUri.substring(0, requestUri.length() - 1) : requestUri;
            String[] parts = path.split("/", -1);
            if (parts.length != 3 || !parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
                return new BrokerPath(false, false, null, null);
            }
            return new BrokerPath(false, true, parts[1], parts[2]);
        }
    }
}
