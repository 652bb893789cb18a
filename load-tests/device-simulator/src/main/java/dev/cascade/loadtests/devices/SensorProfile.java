package dev.cascade.loadtests.devices;

/**
 * How one kind of sensor reads. Each simulated series (device + sensor) sits at its own level within
 * {@code level ± levelSpread}, cycles with amplitude {@code amplitude} and a period of 6 to 10 minutes (a thermostat
 * or ventilation cycle, its own phase), wanders by a smooth random walk of at most 2 % of the amplitude per minute
 * (bounded by the amplitude), and adds uniform noise of at most {@code noise}, a twentieth of the amplitude.
 *
 * <p>Why a cycle rather than only a random walk: the anomaly-detector flags a window more than three standard
 * deviations from the mean of its last 10 to 30 windows. A walk alone drifts out of that band now and then and
 * would be flagged; a cycle shorter than the baseline spreads it to about 0.7 amplitude, so a normal window's mean
 * stays within about 2.5 standard deviations while an injected jump of many amplitudes stands far out.
 */
public enum SensorProfile {

    TEMPERATURE("temperature", "celsius", 21.0, 3.0, 1.0, 0.05, 12.0, 1000.0),
    HUMIDITY("humidity", "percent", 45.0, 10.0, 4.0, 0.2, 30.0, 250.0),
    PRESSURE("pressure", "hPa", 1013.0, 8.0, 2.0, 0.1, 40.0, 5000.0);

    private final String sensorType;
    private final String unit;
    private final double level;
    private final double levelSpread;
    private final double amplitude;
    private final double noise;
    private final double jump;
    private final double impossible;

    SensorProfile(String sensorType, String unit, double level, double levelSpread, double amplitude, double noise,
            double jump, double impossible) {
        this.sensorType = sensorType;
        this.unit = unit;
        this.level = level;
        this.levelSpread = levelSpread;
        this.amplitude = amplitude;
        this.noise = noise;
        this.jump = jump;
        this.impossible = impossible;
    }

    public String sensorType() {
        return sensorType;
    }

    public String unit() {
        return unit;
    }

    double level() {
        return level;
    }

    double levelSpread() {
        return levelSpread;
    }

    double amplitude() {
        return amplitude;
    }

    double noise() {
        return noise;
    }

    /** How far an injected anomaly lifts every reading of its minute: tens of baseline deviations. */
    public double jump() {
        return jump;
    }

    /** A value no such sensor can measure, for out-of-range readings. */
    double impossible() {
        return impossible;
    }
}
