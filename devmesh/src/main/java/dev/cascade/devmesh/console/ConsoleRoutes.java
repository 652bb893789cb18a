package dev.cascade.devmesh.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cascade.devmesh.serving.ServingConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The console page ({@code GET /}, its script and style sheet) and the event-flow graph it draws:
 * {@code GET /devmesh/topology} (JSON, a {@link FlowGraph}) and {@code GET /devmesh/topology.mmd} (Mermaid). The
 * page is a static shell whose script polls the JSON endpoints; everything is served by devmesh itself, nothing
 * from elsewhere, and its Content-Security-Policy allows scripts, styles and requests to this origin only.
 *
 * <p>These GET routes come before the broker ingress, which answers every other path; a POST to {@code /} still
 * gets the ingress's 404.
 */
@ApplicationScoped
public class ConsoleRoutes {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final LoadedManifests manifests;
    private final ServingConfig serving;
    private final ObjectMapper mapper;
    private final Buffer page = resource("index.html");
    private final Buffer script = resource("console.js");
    private final Buffer styles = resource("console.css");

    public ConsoleRoutes(LoadedManifests manifests, ServingConfig serving, ObjectMapper mapper) {
        this.manifests = manifests;
        this.serving = serving;
        this.mapper = mapper;
    }

    void register(@Observes Router router) {
        router.get("/").handler(context -> asset(context, "text/html; charset=utf-8", page));
        router.get("/devmesh/console.js").handler(context -> asset(context, "text/javascript; charset=utf-8", script));
        router.get("/devmesh/console.css").handler(context -> asset(context, "text/css; charset=utf-8", styles));
        router.get("/devmesh/topology").handler(this::topologyJson);
        router.get("/devmesh/topology.mmd").handler(context -> context.response()
                .putHeader("Content-Type", "text/plain; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .end(MermaidTopology.render(graph())));
    }

    /** The graph of what is loaded now, Services sending to {@code devmesh.serving.sink-broker}. */
    public FlowGraph graph() {
        return FlowGraph.of(manifests.topology(), serving.sinkBroker());
    }

    private void topologyJson(RoutingContext context) {
        try {
            context.response().putHeader("Content-Type", "application/json")
                    .putHeader("Cache-Control", "no-store")
                    .end(mapper.writeValueAsString(graph()));
        } catch (JsonProcessingException e) {
            context.fail(e);
        }
    }

    private static void asset(RoutingContext context, String contentType, Buffer body) {
        context.response()
                .putHeader("Content-Type", contentType)
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .putHeader("Referrer-Policy", "no-referrer")
                .end(body);
    }

    private static Buffer resource(String name) {
        try (InputStream in = ConsoleRoutes.class.getResourceAsStream("/devmesh-console/" + name)) {
            if (in == null) {
                throw new IllegalStateException("devmesh-console/" + name + " is missing from the classpath");
            }
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
