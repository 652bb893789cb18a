package dev.cascade.notification.domain;

import dev.cascade.contracts.telemetry.AnomalyDetected;
import dev.cascade.contracts.telemetry.AnomalyRule;

/** The email that tells the operators a device's sensor broke a rule of the anomaly-detector. */
public final class AnomalyAlertMessage {

    private AnomalyAlertMessage() {
    }

    public static Message of(AnomalyDetected anomaly) {
        String device = EventText.clean(anomaly.deviceId());
        String sensor = EventText.clean(anomaly.sensorType());
        String unit = EventText.clean(anomaly.unit());
        String reason = anomaly.rule() == AnomalyRule.OUT_OF_LIMITS
                ? "a reading of " + anomaly.observed() + " " + unit + " left the limits ["
                        + anomaly.lowerLimit() + ", " + anomaly.upperLimit() + "] " + unit
                : "the window's mean of " + anomaly.observed() + " " + unit + " is " + anomaly.zScore()
                        + " standard deviations from the device's baseline of " + anomaly.baselineMean() + " " + unit;
        return new Message(
                anomaly.severity() + " anomaly on " + device + " " + sensor + " at " + anomaly.windowStart(),
                "Hello,\n\n"
                        + "in the window " + anomaly.windowStart() + " to " + anomaly.windowEnd() + ", the " + sensor
                        + " sensor of device " + device + " broke rule " + anomaly.rule() + ": " + reason + ".\n\n"
                        + "Anomaly " + EventText.clean(anomaly.anomalyId()) + ", severity " + anomaly.severity()
                        + ".\n\n"
                        + "Cascade");
    }
}
