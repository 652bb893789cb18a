package dev.cascade.loadtests.telemetry;

import java.util.List;

/** The arithmetic of the report: rates, the ratio to the baseline, the goal, the median of repeated runs. */
final class Throughput {

    /** Issue 8: readings/s through ingest → window store at least half of ConsumerPerformance's records/s. */
    static final double GOAL = 0.5;

    private Throughput() {
    }

    /** {@code records / seconds}; NaN when there is no span to divide by. */
    static double perSecond(long records, double seconds) {
        return seconds > 0 ? records / seconds : Double.NaN;
    }

    /** {@code pipeline / baseline}; NaN when either is unknown or the baseline is 0. */
    static double ratio(double pipeline, double baseline) {
        return baseline > 0 && !Double.isNaN(pipeline) ? pipeline / baseline : Double.NaN;
    }

    /** Whether {@code ratio} reaches {@link #GOAL}; an unknown ratio never does. */
    static boolean met(double ratio) {
        return !Double.isNaN(ratio) && ratio >= GOAL;
    }

    /** The middle value, or the mean of the two middle ones; NaN for none. */
    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
