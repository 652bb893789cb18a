package dev.cascade.telemetry.repository;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cascade.contracts.EventSources;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.telemetry.RejectionReason;
import dev.cascade.contracts.telemetry.WindowClosed;
import dev.cascade.telemetry.config.TelemetryConfig;
import dev.cascade.telemetry.domain.Calibration;
import dev.cascade.telemetry.domain.Normalised;
import dev.cascade.telemetry.domain.ReadingRules;
import dev.cascade.telemetry.domain.Verdict;
import dev.cascade.telemetry.domain.Windows;
import dev.cascade.telemetry.ingest.BatchTracing;
import dev.cascade.telemetry.ingest.Decoded;
import io.agroal.api.AgroalDataSource;

/**
 * Applies one batch of decoded readings to the store in one transaction, so that its effect is exactly once:
 * <ol>
 * <li>the stream's newest event time is read and locked ({@code stream_state ... for update}), which also
 * serialises batches of different replicas;</li>
 * <li>each reading is checked ({@link ReadingRules}) and, in batch order, against the watermark: a reading whose
 * window has closed is late;</li>
 * <li>the others are inserted into {@code reading} with {@code on conflict do nothing}: a reading already stored (a
 * redelivery) inserts nothing and is a duplicate;</li>
 * <li>every window that got a new reading is recomputed from all its stored readings and upserted, so a window is a
 * function of the set of readings, never a running sum a redelivery could double;</li>
 * <li>the newest event time is saved, and each open window whose end the watermark has reached is marked closed and
 * written to the outbox, in the same transaction, so it is published exactly once.</li>
 * </ol>
 * The caller acknowledges the batch to Kafka only after this committed.
 */
@ApplicationScoped
public class TelemetryStore {

    /**
     * p95 is {@code percentile_disc(0.95)}: the nearest-rank percentile, the value at rank ceil(0.95 n) of the
     * window's n values in ascending order.
     */
    private static final String RECOMPUTE = """
            insert into sensor_window as w
                (device_id, sensor_type, window_start, window_end, unit, count, min, max, mean, p95, updated_at)
            select r.device_id, r.sensor_type, k.window_start, k.window_end, k.unit, count(*), min(r.value),
                   max(r.value), avg(r.value), percentile_disc(0.95) within group (order by r.value), now()
            from unnest(?::text[], ?::text[], ?::text[]::timestamptz[], ?::text[]::timestamptz[], ?::text[])
                     as k (device_id, sensor_type, window_start, window_end, unit)
            join reading r on r.device_id = k.device_id and r.sensor_type = k.sensor_type
                          and r.measured_at >= k.window_start and r.measured_at < k.window_end
            group by r.device_id, r.sensor_type, k.window_start, k.window_end, k.unit
            on conflict (device_id, sensor_type, window_start) do update
            set count = excluded.count, min = excluded.min, max = excluded.max, mean = excluded.mean,
                p95 = excluded.p95, updated_at = excluded.updated_at""";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    DeviceRepository devices;

    @Inject
    TelemetryConfig config;

    @Inject
    ObjectMapper mapper;

    public BatchResult ingest(List<Decoded> batch) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                BatchResult result = ingest(connection, batch);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private BatchResult ingest(Connection connection, List<Decoded> batch) throws SQLException {
        Instant maxEventTime = lockMaxEventTime(connection);
        Set<String> deviceIds = new LinkedHashSet<>();
        batch.stream().filter(Decoded::isValid).forEach(d -> deviceIds.add(d.reading().deviceId()));
        Map<String, Map<String, Calibration>> registry = devices.sensorsOf(connection, deviceIds);

        Outcome[] outcomes = new Outcome[batch.size()];
        Map<Integer, Normalised> onTime = new LinkedHashMap<>();
        Map<Integer, Normalised> late = new LinkedHashMap<>();
        Map<Integer, Instant> watermarkAt = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            Decoded decoded = batch.get(i);
            if (!decoded.isValid()) {
                outcomes[i] = Outcome.rejected(decoded.reason(), decoded.detail());
                continue;
            }
            Verdict verdict = ReadingRules.check(decoded.reading(),
                    Optional.ofNullable(registry.get(decoded.reading().deviceId())));
            if (verdict instanceof Verdict.Invalid invalid) {
                outcomes[i] = Outcome.rejected(invalid.reason(), invalid.detail());
                continue;
            }
            Normalised reading = ((Verdict.Valid) verdict).reading();
            Instant watermark = Windows.watermark(maxEventTime, config.allowedLateness());
            if (Windows.isLate(reading.measuredAt(), watermark)) {
                late.put(i, reading);
                watermarkAt.put(i, watermark);
            } else {
                onTime.put(i, reading);
                if (maxEventTime == null || reading.measuredAt().isAfter(maxEventTime)) {
                    maxEventTime = reading.measuredAt();
                }
            }
        }

        Set<String> inserted = insert(connection, onTime.values());
        Map<String, Normalised> touched = new LinkedHashMap<>();
        for (var entry : onTime.entrySet()) {
            Normalised reading = entry.getValue();
            // The first of equal keys in the batch is the one the insert stored; the rest are duplicates.
            if (inserted.remove(key(reading))) {
                outcomes[entry.getKey()] = Outcome.ACCEPTED;
                touched.putIfAbsent(windowKey(reading), reading);
            } else {
                outcomes[entry.getKey()] = Outcome.DUPLICATE;
            }
        }
        Set<String> stored = existing(connection, late.values());
        for (var entry : late.entrySet()) {
            Normalised reading = entry.getValue();
            outcomes[entry.getKey()] = stored.contains(key(reading))
                    ? Outcome.DUPLICATE
                    : Outcome.rejected(RejectionReason.LATE, "its window [" + Windows.startOf(reading.measuredAt())
                            + ", " + Windows.endOf(reading.measuredAt()) + ") closed at watermark "
                            + watermarkAt.get(entry.getKey()));
        }
        recompute(connection, touched.values());
        saveMaxEventTime(connection, maxEventTime);
        int closed = maxEventTime == null
                ? 0
                : close(connection, Windows.watermark(maxEventTime, config.allowedLateness()));
        return new BatchResult(List.of(outcomes), closed);
    }

    private static Instant lockMaxEventTime(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select max_event_time from stream_state where id = 1 for update");
                ResultSet row = select.executeQuery()) {
            row.next();
            OffsetDateTime max = row.getObject(1, OffsetDateTime.class);
            return max == null ? null : max.toInstant();
        }
    }

    private static void saveMaxEventTime(Connection connection, Instant maxEventTime) throws SQLException {
        if (maxEventTime == null) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(
                "update stream_state set max_event_time = greatest(max_event_time, ?) where id = 1")) {
            update.setObject(1, Sql.utc(maxEventTime));
            update.executeUpdate();
        }
    }

    /** Inserts the readings not yet stored; answers the keys it inserted. */
    private static Set<String> insert(Connection connection, Iterable<Normalised> readings) throws SQLException {
        List<String> ids = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<String> times = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (Normalised reading : readings) {
            ids.add(reading.deviceId());
            types.add(reading.sensorType().code());
            times.add(reading.measuredAt().toString());
            values.add(reading.value());
        }
        Set<String> inserted = new HashSet<>();
        if (ids.isEmpty()) {
            return inserted;
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into reading (device_id, sensor_type, measured_at, value)
                select * from unnest(?::text[], ?::text[], ?::text[]::timestamptz[], ?::float8[])
                on conflict do nothing
                returning device_id, sensor_type, measured_at""")) {
            insert.setArray(1, connection.createArrayOf("text", ids.toArray()));
            insert.setArray(2, connection.createArrayOf("text", types.toArray()));
            insert.setArray(3, connection.createArrayOf("text", times.toArray()));
            insert.setArray(4, connection.createArrayOf("float8", values.toArray()));
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    inserted.add(key(rows.getString(1), rows.getString(2),
                            rows.getObject(3, OffsetDateTime.class).toInstant()));
                }
            }
        }
        return inserted;
    }

    /** The keys of those readings that are already stored. */
    private static Set<String> existing(Connection connection, Iterable<Normalised> readings) throws SQLException {
        List<String> ids = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<String> times = new ArrayList<>();
        for (Normalised reading : readings) {
            ids.add(reading.deviceId());
            types.add(reading.sensorType().code());
            times.add(reading.measuredAt().toString());
        }
        Set<String> found = new HashSet<>();
        if (ids.isEmpty()) {
            return found;
        }
        try (PreparedStatement select = connection.prepareStatement("""
                select r.device_id, r.sensor_type, r.measured_at
                from unnest(?::text[], ?::text[], ?::text[]::timestamptz[]) as k (device_id, sensor_type, measured_at)
                join reading r using (device_id, sensor_type, measured_at)""")) {
            select.setArray(1, connection.createArrayOf("text", ids.toArray()));
            select.setArray(2, connection.createArrayOf("text", types.toArray()));
            select.setArray(3, connection.createArrayOf("text", times.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(key(rows.getString(1), rows.getString(2),
                            rows.getObject(3, OffsetDateTime.class).toInstant()));
                }
            }
        }
        return found;
    }

    private static void recompute(Connection connection, Iterable<Normalised> windows) throws SQLException {
        List<String> ids = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<String> starts = new ArrayList<>();
        List<String> ends = new ArrayList<>();
        List<String> units = new ArrayList<>();
        for (Normalised reading : windows) {
            ids.add(reading.deviceId());
            types.add(reading.sensorType().code());
            starts.add(Windows.startOf(reading.measuredAt()).toString());
            ends.add(Windows.endOf(reading.measuredAt()).toString());
            units.add(reading.sensorType().canonicalUnit());
        }
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement(RECOMPUTE)) {
            upsert.setArray(1, connection.createArrayOf("text", ids.toArray()));
            upsert.setArray(2, connection.createArrayOf("text", types.toArray()));
            upsert.setArray(3, connection.createArrayOf("text", starts.toArray()));
            upsert.setArray(4, connection.createArrayOf("text", ends.toArray()));
            upsert.setArray(5, connection.createArrayOf("text", units.toArray()));
            upsert.executeUpdate();
        }
    }

    /** Closes the open windows the watermark has reached and writes each to the outbox; answers how many. */
    private int close(Connection connection, Instant watermark) throws SQLException {
        List<StoredWindow> closed = new ArrayList<>();
        Instant now = Instant.now();
        try (PreparedStatement update = connection.prepareStatement("""
                update sensor_window set closed_at = ?
                where closed_at is null and window_end <= ?
                returning device_id, sensor_type, unit, window_start, window_end, count, min, max, mean, p95,
                          closed_at""")) {
            update.setObject(1, Sql.utc(now));
            update.setObject(2, Sql.utc(watermark));
            try (ResultSet rows = update.executeQuery()) {
                while (rows.next()) {
                    closed.add(WindowQueries.window(rows));
                }
            }
        }
        if (closed.isEmpty()) {
            return 0;
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into outbox (event_id, type, source, subject, data, created_at, next_attempt_at, traceparent)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (event_id) do nothing""")) {
            // The trace of the batch that closed the windows, which their consumers continue.
            String traceparent = BatchTracing.current();
            for (StoredWindow window : closed) {
                insert.setObject(1, eventId(window));
                insert.setString(2, EventTypes.TELEMETRY_WINDOW_CLOSED_V1);
                insert.setString(3, EventSources.TELEMETRY_SERVICE);
                insert.setString(4, window.deviceId() + "/" + window.sensorType());
                insert.setString(5, json(new WindowClosed(window.deviceId(), window.sensorType(), window.unit(),
                        window.windowStart(), window.windowEnd(), window.count(), window.min(), window.max(),
                        window.mean(), window.p95())));
                insert.setObject(6, Sql.utc(now));
                insert.setObject(7, Sql.utc(now));
                insert.setString(8, traceparent);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        return closed.size();
    }

    /** The same window always gets the same CloudEvent id, so consumers can tell a re-post from a new window. */
    static UUID eventId(StoredWindow window) {
        return UUID.nameUUIDFromBytes((window.deviceId() + "|" + window.sensorType() + "|" + window.windowStart())
                .getBytes(StandardCharsets.UTF_8));
    }

    private String json(WindowClosed event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String key(Normalised reading) {
        return key(reading.deviceId(), reading.sensorType().code(), reading.measuredAt());
    }

    private static String key(String deviceId, String sensorType, Instant measuredAt) {
        return deviceId + '|' + sensorType + '|' + measuredAt;
    }

    private static String windowKey(Normalised reading) {
        return reading.deviceId() + '|' + reading.sensorType().code() + '|' + Windows.startOf(reading.measuredAt());
    }
}
