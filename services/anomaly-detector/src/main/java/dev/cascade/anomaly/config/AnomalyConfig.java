package dev.cascade.anomaly.config;

import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The anomaly rules' settings, {@code anomaly.*} in application.properties. */
@ConfigMapping(prefix = "anomaly")
public interface AnomalyConfig {

    /** The rolling-baseline rule. */
    BaselineRule baseline();

    /** Operating limits by sensor type ({@code anomaly.limits.<sensorType>.*}); a type without an entry has none. */
    Map<String, Limits> limits();

    interface BaselineRule {

        /** How many of the device+sensor's latest normal windows before this one make the baseline. */
        @WithDefault("30")
        int windows();

        /** The rule stays silent until the baseline has at least this many windows. */
        @WithDefault("10")
        int minHistory();

        /** A window is anomalous when |mean - baseline mean| exceeds this many baseline standard deviations. */
        @WithDefault("3.0")
        double zThreshold();

        /** From this |z| on the anomaly is CRITICAL rather than WARNING. */
        @WithDefault("5.0")
        double criticalZ();

        /**
         * The smallest standard deviation the rule divides by: a sensor that reported the very same mean for
         * every window would otherwise make any change, however tiny, infinitely anomalous.
         */
        @WithDefault("0.01")
        double minStddev();
    }

    interface Limits {

        /** The unit the limits are in; a window in another unit is not checked against them. */
        String unit();

        double lower();

        double upper();
    }
}
