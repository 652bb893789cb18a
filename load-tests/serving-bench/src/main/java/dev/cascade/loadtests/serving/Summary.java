package dev.cascade.loadtests.serving;

import java.util.Arrays;
import java.util.Collection;

/** Median, min and max of a few measurements; NaN for none. */
record Summary(int count, double median, double min, double max) {

    static Summary of(Collection<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v)).sorted()
                .toArray();
        if (sorted.length == 0) {
            return new Summary(0, Double.NaN, Double.NaN, Double.NaN);
        }
        int middle = sorted.length / 2;
        double median = sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new Summary(sorted.length, median, sorted[0], sorted[sorted.length - 1]);
    }

    static Summary of(double... values) {
        return of(Arrays.stream(values).boxed().toList());
    }
}
