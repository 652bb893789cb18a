package dev.cascade.loadtests.orders;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Per Trigger, the broker deliveries that finished in a time window, from devmesh's {@code GET /devmesh/deliveries}:
 * how many, how many needed more than one attempt, and their latency (first attempt to final answer), so that a long
 * tail of the whole flow can be traced to a hop or to retries.
 */
final class DeliveryAccount {

    private DeliveryAccount() {
    }

    static String report(ObjectMapper json, HttpClient http, URI devmesh, Instant from, Instant to)
            throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(devmesh.resolve("/devmesh/deliveries?limit=100000")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return "\n(devmesh answered " + response.statusCode() + " for its deliveries)\n";
        }
        Map<String, List<JsonNode>> byTrigger = new TreeMap<>();
        for (JsonNode delivery : json.readTree(response.body())) {
            Instant finished = Instant.parse(delivery.path("finishedAt").asText());
            if (!finished.isBefore(from) && !finished.isAfter(to)) {
                byTrigger.computeIfAbsent(delivery.path("trigger").asText(), trigger -> new ArrayList<>()).add(delivery);
            }
        }
        StringBuilder out = new StringBuilder(
                "\n| trigger | deliveries | retried | not delivered | p50 ms | p99 ms | max ms |\n|---|--:|--:|--:|--:|--:|--:|\n");
        byTrigger.forEach((trigger, deliveries) -> {
            long[] latencies = deliveries.stream().mapToLong(d -> d.path("latencyMillis").asLong()).sorted().toArray();
            long retried = deliveries.stream().filter(d -> d.path("attempts").asInt() > 1).count();
            long failed = deliveries.stream().filter(d -> !"delivered".equals(d.path("status").asText())).count();
            out.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d |%n", trigger, deliveries.size(),
                    retried, failed, percentile(latencies, 50), percentile(latencies, 99),
                    latencies[latencies.length - 1]));
        });
        return out.toString();
    }

    private static long percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
