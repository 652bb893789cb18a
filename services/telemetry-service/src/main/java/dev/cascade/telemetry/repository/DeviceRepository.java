package dev.cascade.telemetry.repository;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;

import dev.cascade.telemetry.domain.Calibration;

/** The device registry: devices, their sensors and each sensor's calibration. */
@ApplicationScoped
public class DeviceRepository {

    @Inject
    AgroalDataSource dataSource;

    /** The sensors of each of {@code deviceIds} that is registered, by device id. */
    public Map<String, Map<String, Calibration>> sensorsOf(Connection connection, Collection<String> deviceIds)
            throws SQLException {
        Map<String, Map<String, Calibration>> devices = new HashMap<>();
        if (deviceIds.isEmpty()) {
            return devices;
        }
        try (PreparedStatement select = connection.prepareStatement("""
                select d.id, s.sensor_type, s.calibration_offset, s.calibration_scale
                from device d left join device_sensor s on s.device_id = d.id
                where d.id = any (?)""")) {
            Array ids = connection.createArrayOf("text", deviceIds.toArray());
            select.setArray(1, ids);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Map<String, Calibration> sensors = devices.computeIfAbsent(rows.getString(1),
                            id -> new LinkedHashMap<>());
                    if (rows.getString(2) != null) {
                        sensors.put(rows.getString(2), new Calibration(rows.getDouble(3), rows.getDouble(4)));
                    }
                }
            }
        }
        return devices;
    }

    public Optional<Map<String, Calibration>> find(String deviceId) {
        try (Connection connection = dataSource.getConnection()) {
            return Optional.ofNullable(sensorsOf(connection, List.of(deviceId)).get(deviceId));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Registers a device or replaces its sensors; answers whether it was new. */
    public boolean register(String deviceId, Map<String, Calibration> sensors) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            boolean created;
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into device (id) values (?) on conflict (id) do nothing")) {
                insert.setString(1, deviceId);
                created = insert.executeUpdate() == 1;
            }
            try (PreparedStatement delete = connection.prepareStatement(
                    "delete from device_sensor where device_id = ?")) {
                delete.setString(1, deviceId);
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into device_sensor (device_id, sensor_type, calibration_offset, calibration_scale)
                    values (?, ?, ?, ?)""")) {
                for (var sensor : sensors.entrySet()) {
                    insert.setString(1, deviceId);
                    insert.setString(2, sensor.getKey());
                    insert.setDouble(3, sensor.getValue().offset());
                    insert.setDouble(4, sensor.getValue().scale());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            connection.commit();
            return created;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
