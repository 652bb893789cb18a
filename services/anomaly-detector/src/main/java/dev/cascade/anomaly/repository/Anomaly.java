package dev.cascade.anomaly.repository;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.cascade.contracts.telemetry.AnomalyDetected;
import dev.cascade.contracts.telemetry.AnomalyRule;
import dev.cascade.contracts.telemetry.Severity;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A detected anomaly, as its {@code anomaly.detected} event told it. */
@Entity
@Table(name = "anomaly")
public class Anomaly extends PanacheEntityBase {

    @Id
    @Column(name = "anomaly_id")
    public String anomalyId;

    @Column(name = "device_id")
    public String deviceId;

    @Column(name = "sensor_type")
    public String sensorType;

    public String unit;

    @Column(name = "window_start")
    public Instant windowStart;

    @Column(name = "window_end")
    public Instant windowEnd;

    @Enumerated(EnumType.STRING)
    public AnomalyRule rule;

    public double observed;

    @Column(name = "lower_limit")
    public Double lowerLimit;

    @Column(name = "upper_limit")
    public Double upperLimit;

    @Column(name = "baseline_mean")
    public Double baselineMean;

    @Column(name = "z_score")
    public Double zScore;

    @Enumerated(EnumType.STRING)
    public Severity severity;

    @Column(name = "detected_at")
    public Instant detectedAt;

    public AnomalyDetected toEvent() {
        return new AnomalyDetected(anomalyId, deviceId, sensorType, unit, windowStart, windowEnd, rule, observed,
                lowerLimit, upperLimit, baselineMean, zScore, severity);
    }
}
