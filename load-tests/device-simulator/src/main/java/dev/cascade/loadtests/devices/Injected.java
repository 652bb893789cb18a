package dev.cascade.loadtests.devices;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a simulation injects, as the simulator prints it and writes it to its JSON report.
 *
 * @param seed      the seed it was generated from
 * @param devices   the simulated device ids: the ones the telemetry-service must know (register them first)
 * @param records   records in all
 * @param valid     valid readings among them
 * @param invalid   invalid records by kind, every kind listed
 * @param anomalies the anomalous minutes, ordered by window start, then device and sensor
 * @param firstReading event time of the first record
 * @param lastReading  event time of the last record
 */
public record Injected(long seed, List<String> devices, long records, long valid, Map<InvalidKind, Long> invalid,
        List<Anomaly> anomalies, Instant firstReading, Instant lastReading) {

    /**
     * One injected anomaly: every reading of the series in {@code [windowStart, windowStart + 1 min)} is lifted by
     * {@code jump}.
     */
    public record Anomaly(String deviceId, String sensorType, String unit, Instant windowStart, double jump) {
    }
}
