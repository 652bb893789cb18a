package dev.cascade.anomaly.repository;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class WindowObservationRepository implements PanacheRepositoryBase<WindowObservation, String> {

    /** The observation of that window, or null. */
    public Uni<WindowObservation> findWindow(String deviceId, String sensorType, Instant windowStart) {
        return find("deviceId = ?1 and sensorType = ?2 and windowStart = ?3", deviceId, sensorType, windowStart)
                .firstResult();
    }

    /** The means of the latest {@code limit} normal windows of the device+sensor that started before {@code before}. */
    public Uni<List<Double>> latestNormalMeans(String deviceId, String sensorType, Instant before, int limit) {
        return find("deviceId = ?1 and sensorType = ?2 and windowStart < ?3 and anomalous = false",
                Sort.descending("windowStart"), deviceId, sensorType, before)
                .page(Page.ofSize(limit)).list()
                .map(rows -> rows.stream().map(row -> row.mean).toList());
    }
}
