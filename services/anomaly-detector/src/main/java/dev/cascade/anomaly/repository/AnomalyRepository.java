package dev.cascade.anomaly.repository;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class AnomalyRepository implements PanacheRepositoryBase<Anomaly, String> {

    /** The anomaly of that window, or null. */
    public Uni<Anomaly> findWindow(String deviceId, String sensorType, Instant windowStart) {
        return find("deviceId = ?1 and sensorType = ?2 and windowStart = ?3", deviceId, sensorType, windowStart)
                .firstResult();
    }

    /** The device's anomalies, oldest window first. */
    public Uni<List<Anomaly>> forDevice(String deviceId) {
        return find("deviceId", Sort.by("windowStart").and("sensorType"), deviceId).list();
    }
}
