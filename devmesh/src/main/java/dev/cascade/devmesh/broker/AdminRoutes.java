package dev.cascade.devmesh.broker;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** devmesh's own JSON API: what is loaded and what happened to recent events. */
@ApplicationScoped
public class AdminRoutes {

    private static final int DEFAULT_LIMIT = 100;

    private final Mesh mesh;
    private final DeliveryLog deliveries;

    public AdminRoutes(Mesh mesh, DeliveryLog deliveries) {
        this.mesh = mesh;
        this.deliveries = deliveries;
    }

    void register(@Observes Router router) {
        router.get("/devmesh/brokers").handler(context -> json(context, mesh.brokers().stream().map(broker -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("namespace", broker.namespace());
            row.put("name", broker.name());
            row.put("class", broker.brokerClass().annotationValue());
            row.put("ingressUrl", broker.ingressUrl().toString());
            return row;
        }).toList()));
        router.get("/devmesh/triggers").handler(context -> json(context, mesh.triggers().stream().map(trigger -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("namespace", trigger.namespace());
            row.put("name", trigger.name());
            row.put("broker", trigger.broker());
            row.put("filter", trigger.filterDescription());
            row.put("subscriberUrl", trigger.subscriber() == null ? null : trigger.subscriber().toString());
            row.put("deadLetterSinkUrl", trigger.deadLetterSink() == null ? null : trigger.deadLetterSink().toString());
            row.put("ready", trigger.ready());
            row.put("reason", trigger.notReadyReason());
            return row;
        }).toList()));
        router.get("/devmesh/errors").handler(context -> json(context,
                mesh.errors().stream().map(Object::toString).toList()));
        router.get("/devmesh/deliveries").handler(this::recentDeliveries);
    }

    private void recentDeliveries(RoutingContext context) {
        int limit = DEFAULT_LIMIT;
        List<String> given = context.queryParam("limit");
        if (!given.isEmpty()) {
            try {
                limit = Integer.parseInt(given.get(0));
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1) {
                context.response().setStatusCode(400).end("limit must be a positive integer");
                return;
            }
        }
        json(context, deliveries.recent(limit));
    }

    private static void json(RoutingContext context, Object body) {
        try {
            context.response().putHeader("Content-Type", "application/json").end(Json.MAPPER.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            context.fail(e);
        }
    }
}
