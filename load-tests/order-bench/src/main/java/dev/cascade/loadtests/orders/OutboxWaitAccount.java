package dev.cascade.loadtests.orders;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.cascade.contracts.observability.PrometheusText;

/**
 * How long order-service's events waited in its outbox before the relay started posting them, in a time window: the
 * difference of its {@code cascade_outbox_wait_seconds} histogram between two scrapes, read as quantiles (each the
 * upper bound of the bucket it falls in). A relay that holds events back shows here, apart from the broker's
 * deliveries.
 */
final class OutboxWaitAccount {

    private static final String BUCKET = "cascade_outbox_wait_seconds_bucket";

    private final HttpClient http;
    private final URI metrics;
    private final Map<Double, Double> start;

    private OutboxWaitAccount(HttpClient http, URI metrics, Map<Double, Double> start) {
        this.http = http;
        this.metrics = metrics;
        this.start = start;
    }

    static OutboxWaitAccount start(HttpClient http, URI orderService) throws IOException, InterruptedException {
        URI metrics = orderService.resolve("/q/metrics");
        return new OutboxWaitAccount(http, metrics, buckets(http, metrics));
    }

    String report() throws IOException, InterruptedException {
        Map<Double, Double> end = buckets(http, metrics);
        if (end.isEmpty()) {
            return "\n(order-service exports no " + BUCKET + ")\n";
        }
        TreeMap<Double, Double> window = new TreeMap<>();
        end.forEach((le, count) -> window.put(le, count - start.getOrDefault(le, 0.0)));
        double total = window.lastEntry().getValue();
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%norder-service's outbox, commit to first post, %d events:", (long) total));
        for (double quantile : new double[] {0.5, 0.9, 0.99, 1.0}) {
            double bound = window.entrySet().stream()
                    .filter(bucket -> bucket.getValue() >= quantile * total)
                    .findFirst().orElseThrow().getKey();
            out.append(String.format(Locale.ROOT, " p%s ≤ %s", quantile == 1.0 ? "100" : fmt(quantile * 100),
                    Double.isInfinite(bound) ? "∞" : fmt(bound * 1000) + " ms"));
        }
        return out.append('\n').toString();
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    /** Upper bound in seconds → cumulative count. */
    private static Map<Double, Double> buckets(HttpClient http, URI metrics) throws IOException, InterruptedException {
        String scrape = http.send(HttpRequest.newBuilder(metrics).GET().build(), HttpResponse.BodyHandlers.ofString())
                .body();
        Map<Double, Double> buckets = new TreeMap<>();
        for (PrometheusText.Sample sample : PrometheusText.parse(scrape).samples()) {
            if (sample.name().equals(BUCKET)) {
                String le = sample.labels().get("le");
                buckets.merge(le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le), sample.value(),
                        Double::sum);
            }
        }
        return buckets;
    }
}
