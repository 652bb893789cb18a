package dev.cascade.anomaly.domain;

import java.util.Collection;

/**
 * What a device's sensor normally reads: the mean and sample standard deviation of the means of its latest normal
 * windows.
 *
 * @param windows how many window means went in
 */
public record Baseline(int windows, double mean, double stddev) {

    public static final Baseline EMPTY = new Baseline(0, Double.NaN, Double.NaN);

    /** The baseline of {@code windowMeans}; Welford's update, so large values lose no precision. */
    public static Baseline of(Collection<Double> windowMeans) {
        int n = 0;
        double mean = 0;
        double m2 = 0;
        for (double x : windowMeans) {
            n++;
            double delta = x - mean;
            mean += delta / n;
            m2 += delta * (x - mean);
        }
        if (n == 0) {
            return EMPTY;
        }
        return new Baseline(n, mean, n > 1 ? Math.sqrt(m2 / (n - 1)) : 0.0);
    }
}
