package dev.cascade.devmesh.infra;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;

/**
 * {@code GET /devmesh/infrastructure}: where the local run's Kafka and PostgreSQL are, for the tools that write into
 * them from outside (the device simulator, a test, a {@code psql}). No password: the services get theirs in their
 * environment.
 */
@ApplicationScoped
public class InfrastructureRoutes {

    private final LocalInfrastructure infrastructure;

    public InfrastructureRoutes(LocalInfrastructure infrastructure) {
        this.infrastructure = infrastructure;
    }

    void register(@Observes Router router) {
        router.get("/devmesh/infrastructure").blockingHandler(context -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("kafkaBootstrapServers", infrastructure.kafkaBootstrapServers().orElse(null));
            body.put("postgresJdbcUrl", infrastructure.postgresReactiveUrl().map(url -> "jdbc:" + url).orElse(null));
            context.response().putHeader("content-type", "application/json").end(Json.encode(body));
        });
    }
}
