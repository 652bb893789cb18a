package dev.cascade.devmesh.serving;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.ext.web.Router;

/** {@code GET /devmesh/services}: every Knative Service, its URL, state, instances and cold starts. */
@ApplicationScoped
public class ServingRoutes {

    private final ServingRegistry registry;
    private final ObjectMapper mapper;

    public ServingRoutes(ServingRegistry registry, ObjectMapper mapper) {
        this.registry = registry;
        this.mapper = mapper;
    }

    void register(@Observes Router router) {
        router.get("/devmesh/services").handler(context -> {
            try {
                context.response().putHeader("Content-Type", "application/json")
                        .end(mapper.writeValueAsString(registry.services()));
            } catch (JsonProcessingException e) {
                context.fail(e);
            }
        });
    }
}
