package dev.cascade.anomaly.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.cascade.anomaly.repository.Anomaly;
import dev.cascade.anomaly.service.AnomalyDetector;
import dev.cascade.functions.Problems;
import io.smallrye.mutiny.Uni;

/** Reads the anomalies of a device, each in the shape of its {@code anomaly.detected} event's data. */
@Path("/anomalies")
@Produces(MediaType.APPLICATION_JSON)
public class AnomalyResource {

    @Inject
    AnomalyDetector detector;

    @GET
    public Uni<Response> byDevice(@QueryParam("deviceId") String deviceId) {
        if (deviceId == null || deviceId.isBlank()) {
            return Uni.createFrom().item(Problems.invalidField("deviceId", "is required"));
        }
        return detector.anomaliesOf(deviceId)
                .map(list -> Response.ok(list.stream().map(Anomaly::toEvent).toList()).build());
    }
}
