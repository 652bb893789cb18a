package dev.cascade.telemetry.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;

/** Reads stored windows. */
@ApplicationScoped
public class WindowQueries {

    @Inject
    AgroalDataSource dataSource;

    /**
     * The windows of a device that start in {@code [from, to)}, oldest first; {@code sensorType} null means every
     * sensor.
     */
    public List<StoredWindow> windows(String deviceId, String sensorType, Instant from, Instant to) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        select device_id, sensor_type, unit, window_start, window_end, count, min, max, mean, p95,
                               closed_at
                        from sensor_window
                        where device_id = ? and (?::text is null or sensor_type = ?)
                          and window_start >= ? and window_start < ?
                        order by window_start, sensor_type
                        limit 10000""")) {
            select.setString(1, deviceId);
            select.setString(2, sensorType);
            select.setString(3, sensorType);
            select.setObject(4, Sql.utc(from));
            select.setObject(5, Sql.utc(to));
            List<StoredWindow> windows = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    windows.add(window(rows));
                }
            }
            return windows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static StoredWindow window(ResultSet rows) throws SQLException {
        OffsetDateTime closedAt = rows.getObject(11, OffsetDateTime.class);
        return new StoredWindow(rows.getString(1), rows.getString(2), rows.getString(3),
                rows.getObject(4, OffsetDateTime.class).toInstant(), rows.getObject(5, OffsetDateTime.class).toInstant(),
                rows.getLong(6), rows.getDouble(7), rows.getDouble(8), rows.getDouble(9), rows.getDouble(10),
                closedAt == null ? null : closedAt.toInstant());
    }
}
