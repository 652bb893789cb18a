package dev.cascade.anomaly.repository;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A window the detector has judged: its mean feeds later baselines unless it was anomalous. */
@Entity
@Table(name = "window_observation")
public class WindowObservation extends PanacheEntityBase {

    @Id
    @Column(name = "observation_id")
    public String observationId;

    @Column(name = "device_id")
    public String deviceId;

    @Column(name = "sensor_type")
    public String sensorType;

    @Column(name = "window_start")
    public Instant windowStart;

    public double mean;

    public boolean anomalous;

    @Column(name = "observed_at")
    public Instant observedAt;
}
