package dev.cascade.telemetry.it;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The windows a test expects, computed here without the service's code: readings grouped by the UTC minute of their
 * event time; p95 by nearest rank (the value at rank ceil(0.95 n) of the sorted values).
 */
final class Expected {

    record Window(Instant start, long count, double min, double max, double mean, double p95) {
    }

    record Point(Instant at, double celsiusOrCanonical) {
    }

    private Expected() {
    }

    static List<Window> windows(List<Point> points) {
        Map<Long, List<Double>> byMinute = new TreeMap<>();
        for (Point point : points) {
            long minute = Math.floorDiv(point.at().getEpochSecond(), 60L) * 60L;
            byMinute.computeIfAbsent(minute, m -> new ArrayList<>()).add(point.celsiusOrCanonical());
        }
        List<Window> windows = new ArrayList<>();
        byMinute.forEach((minute, values) -> {
            List<Double> sorted = values.stream().sorted().toList();
            int n = sorted.size();
            double sum = 0;
            for (double v : sorted) {
                sum += v;
            }
            int rank = (int) Math.ceil(0.95 * n);
            windows.add(new Window(Instant.ofEpochSecond(minute), n, sorted.get(0), sorted.get(n - 1), sum / n,
                    sorted.get(rank - 1)));
        });
        return windows;
    }
}
