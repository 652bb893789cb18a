package dev.cascade.loadtests.devices;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What to simulate.
 *
 * @param devices         how many devices; each has a temperature, a humidity and a pressure sensor
 * @param count           how many records in all, invalid ones included
 * @param intervalSeconds event time between two readings of one series (device + sensor)
 * @param start           event time of the first reading, on a whole minute so windows are full from the start
 * @param seed            the same seed and plan give the very same records
 * @param invalidShare    the probability that a record is invalid, 0 to 1
 * @param anomalies       how many anomalous minutes to inject, at most one per series
 * @param format          the Kafka record format
 */
public record SimulationPlan(int devices, long count, int intervalSeconds, Instant start, long seed,
        double invalidShare, int anomalies, RecordFormat format) {

    /** The anomaly-detector needs this many earlier windows before its baseline rule applies (plus one spare). */
    public static final int WARM_UP_MINUTES = 11;

    public SimulationPlan {
        if (devices < 1 || count < 1 || intervalSeconds < 1 || intervalSeconds > 60) {
            throw new IllegalArgumentException("need devices >= 1, count >= 1 and 1 <= intervalSeconds <= 60");
        }
        if (invalidShare < 0 || invalidShare > 1 || anomalies < 0) {
            throw new IllegalArgumentException("need 0 <= invalidShare <= 1 and anomalies >= 0");
        }
        if (!start.truncatedTo(ChronoUnit.MINUTES).equals(start)) {
            throw new IllegalArgumentException("start must be on a whole minute: " + start);
        }
    }
}
