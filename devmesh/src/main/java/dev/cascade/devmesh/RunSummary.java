package dev.cascade.devmesh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cascade.devmesh.broker.BrokerRuntime;
import dev.cascade.devmesh.broker.Mesh;
import dev.cascade.devmesh.serving.ServiceStatus;
import dev.cascade.devmesh.serving.ServingRegistry;
import io.quarkus.vertx.http.HttpServerStart;

/**
 * For {@code ./cascade up}: once devmesh listens and its manifests are applied, prints where everything is
 * and a curl that sends a CloudEvent into the first broker. Off unless {@code devmesh.summary=true}. The curl sends
 * the structured CloudEvent in the file {@code devmesh.summary.example} (its type, source and data, with a fresh id),
 * or a hello-world event without one.
 */
@ApplicationScoped
public class RunSummary {

    private static final Logger LOG = Logger.getLogger("cascade");

    private final Mesh mesh;
    private final ServingRegistry serving;
    private final boolean enabled;
    private final Optional<Path> example;

    public RunSummary(Mesh mesh, ServingRegistry serving,
            @ConfigProperty(name = "devmesh.summary", defaultValue = "false") boolean enabled,
            @ConfigProperty(name = "devmesh.summary.example") Optional<Path> example) {
        this.mesh = mesh;
        this.serving = serving;
        this.enabled = enabled;
        this.example = example;
    }

    void onListening(@ObservesAsync HttpServerStart listening) throws InterruptedException {
        if (!enabled) {
            return;
        }
        for (int i = 0; i < 600 && !mesh.loaded(); i++) {
            Thread.sleep(100);
        }
        LOG.info(String.join(System.lineSeparator(), lines()));
    }

    List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add("Cascade is up (devmesh: a local stand-in for Knative, not a substitute for it).");
        if (mesh.brokers().isEmpty()) {
            lines.add("  no Broker in the manifests");
        }
        for (BrokerRuntime broker : mesh.brokers()) {
            lines.add("  broker  %s/%s (%s)  %s".formatted(broker.namespace(), broker.name(),
                    broker.brokerClass().annotationValue(), broker.ingressUrl()));
        }
        for (ServiceStatus service : serving.services()) {
            lines.add("  service %s/%s  %s  (%s, min-scale %d; log %s)".formatted(service.namespace(), service.name(),
                    service.url(), service.state(), service.minScale(), service.log()));
        }
        long ready = mesh.triggers().stream().filter(t -> t.ready()).count();
        lines.add("  triggers: %d loaded, %d ready (GET /devmesh/triggers); refused resources: %d (GET /devmesh/errors)"
                .formatted(mesh.triggers().size(), ready, mesh.errors().size()));
        if (!mesh.brokers().isEmpty()) {
            BrokerRuntime first = mesh.brokers().get(0);
            lines.add("");
            lines.add("Send a CloudEvent:");
            lines.add("  curl -i %s \\".formatted(first.ingressUrl()));
            String type = "dev.example.hello.v1";
            String source = "/curl";
            String data = "{\"hello\":\"world\"}";
            Optional<JsonNode> structured = example.flatMap(RunSummary::read);
            if (structured.isPresent()) {
                type = structured.get().path("type").asText(type);
                source = structured.get().path("source").asText(source);
                data = structured.get().path("data").toString();
            }
            lines.add("    -H 'ce-specversion: 1.0' -H \"ce-id: $(date +%s%N)\" -H '" + shellQuoted("ce-source: " + source)
                    + "' \\");
            lines.add("    -H '" + shellQuoted("ce-type: " + type) + "' -H 'Content-Type: application/json' \\");
            lines.add("    -d '" + shellQuoted(data) + "'");
        }
        lines.add("Recent deliveries: GET /devmesh/deliveries?limit=20   Stop: Ctrl-C");
        return lines;
    }

    private static Optional<JsonNode> read(Path file) {
        try {
            JsonNode event = new ObjectMapper().readTree(Files.readString(file));
            return event != null && event.hasNonNull("type") && event.has("data") ? Optional.of(event) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOG.warnf("devmesh.summary.example %s is not a structured CloudEvent: %s", file, e.getMessage());
            return Optional.empty();
        }
    }

    /** Inside single quotes a shell takes everything literally except a single quote. */
    private static String shellQuoted(String text) {
        return text.replace("'", "'\\''");
    }
}
