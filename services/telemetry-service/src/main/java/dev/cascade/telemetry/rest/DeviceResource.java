package dev.cascade.telemetry.rest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.cascade.telemetry.domain.Calibration;
import dev.cascade.telemetry.domain.SensorType;
import dev.cascade.telemetry.repository.DeviceRepository;
import dev.cascade.telemetry.repository.StoredWindow;
import dev.cascade.telemetry.repository.WindowQueries;
import io.smallrye.common.annotation.Blocking;

/**
 * The device registry and the stored windows: {@code PUT /devices/{id}} registers a device (or replaces its sensors),
 * {@code GET /devices/{id}} shows it, {@code GET /devices/{id}/windows?sensor=&from=&to=} lists its windows.
 */
@Path("/devices")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class DeviceResource {

    /** The identifier of common.v1.json, which a reading's deviceId must match. */
    private static final Pattern DEVICE_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$");

    @Inject
    DeviceRepository devices;

    @Inject
    WindowQueries windows;

    /** One sensor's calibration; absent fields mean offset 0 and scale 1. */
    public record SensorCalibration(Double calibrationOffset, Double calibrationScale) {
    }

    public record DeviceRegistration(Map<String, SensorCalibration> sensors) {
    }

    public record Device(String deviceId, Map<String, SensorCalibration> sensors) {
    }

    @PUT
    @Path("/{id}")
    public Response register(@PathParam("id") String id, DeviceRegistration registration) {
        if (!DEVICE_ID.matcher(id).matches()) {
            return problem(400, "device id must match " + DEVICE_ID.pattern());
        }
        if (registration == null || registration.sensors() == null || registration.sensors().isEmpty()) {
            return problem(422, "sensors: name at least one sensor type");
        }
        Map<String, Calibration> sensors = new LinkedHashMap<>();
        for (var sensor : registration.sensors().entrySet()) {
            if (SensorType.of(sensor.getKey()).isEmpty()) {
                return problem(422, "sensors: unknown sensor type " + sensor.getKey()
                        + " (known: temperature, humidity, pressure)");
            }
            SensorCalibration given = sensor.getValue() == null ? new SensorCalibration(null, null) : sensor.getValue();
            try {
                sensors.put(sensor.getKey(), new Calibration(
                        given.calibrationOffset() == null ? 0.0 : given.calibrationOffset(),
                        given.calibrationScale() == null ? 1.0 : given.calibrationScale()));
            } catch (IllegalArgumentException e) {
                return problem(422, "sensors." + sensor.getKey() + ": " + e.getMessage());
            }
        }
        boolean created = devices.register(id, sensors);
        return Response.status(created ? 201 : 200).entity(device(id, sensors)).build();
    }

    @GET
    @Path("/{id}")
    public Response get(@PathParam("id") String id) {
        return devices.find(id)
                .map(sensors -> Response.ok(device(id, sensors)).build())
                .orElseGet(() -> problem(404, "no device " + id));
    }

    @GET
    @Path("/{id}/windows")
    public Response windows(@PathParam("id") String id, @QueryParam("sensor") String sensor,
            @QueryParam("from") String from, @QueryParam("to") String to) {
        Optional<Instant> start = instant(from, Instant.EPOCH);
        Optional<Instant> end = instant(to, Instant.parse("9999-12-31T00:00:00Z"));
        if (start.isEmpty() || end.isEmpty()) {
            return problem(400, "from and to must be RFC 3339 instants, e.g. 2026-03-14T10:15:00Z");
        }
        if (devices.find(id).isEmpty()) {
            return problem(404, "no device " + id);
        }
        List<StoredWindow> found = windows.windows(id, sensor == null || sensor.isBlank() ? null : sensor,
                start.get(), end.get());
        return Response.ok(found).build();
    }

    private static Optional<Instant> instant(String text, Instant fallback) {
        if (text == null || text.isBlank()) {
            return Optional.of(fallback);
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Device device(String id, Map<String, Calibration> sensors) {
        Map<String, SensorCalibration> shown = new LinkedHashMap<>();
        sensors.forEach((type, calibration) -> shown.put(type,
                new SensorCalibration(calibration.offset(), calibration.scale())));
        return new Device(id, shown);
    }

    private static Response problem(int status, String detail) {
        return Response.status(status).type("application/problem+json")
                .entity(Map.of("status", status, "detail", detail)).build();
    }
}
